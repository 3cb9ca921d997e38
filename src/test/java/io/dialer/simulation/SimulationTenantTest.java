package io.dialer.simulation;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.tenant.AuthOnProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Another tenant's simulation is a 404 and never listed. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SimulationTenantTest {

    @Test
    void tenantBSeesNothingOfTenantA() {
        RequestSpecification a = as(Api.unique("sim-a"));
        RequestSpecification b = as(Api.unique("sim-b"));
        String id = a.body(SimulationApiTest.tiny()).post("/v1/simulations").then().statusCode(202).extract().path("id");
        Api.isProblem(b.get("/v1/simulations/" + id).then(), 404);
        b.get("/v1/simulations").then().statusCode(200).body("items.id", not(hasItem(id)));
        a.get("/v1/simulations").then().statusCode(200).body("items.id", hasItem(id));
        a.get("/v1/simulations/" + id).then().statusCode(200);
    }

    private static RequestSpecification as(String tenant) {
        String token = Jwt.subject("crm-" + tenant).claim("tenant", tenant).issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(10)).sign(privateKey());
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey("/auth/privateKey.pem");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dialer.platform;

import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * openapi/dialer.yaml is the committed contract: the served document must equal it. After an intended API
 * change, regenerate it with {@code ./mvnw test -Dtest=OpenApiContractTest -Ddialer.openapi.update=true}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("openapi/dialer.yaml");

    @Test
    void servedContractEqualsTheCommittedOne() throws IOException {
        String served = RestAssured.given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        if (Boolean.getBoolean("dialer.openapi.update")) {
            Files.createDirectories(CONTRACT.getParent());
            Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
        }
        String committed = Files.readString(CONTRACT, StandardCharsets.UTF_8);
        assertEquals(committed, served, "The served OpenAPI drifted from openapi/dialer.yaml; if the change is intended, "
                + "regenerate it with -Ddialer.openapi.update=true and commit it");
    }

    @Test
    void swaggerUiIsServed() {
        RestAssured.given().get("/q/swagger-ui/").then().statusCode(200);
    }
}

package io.dialer.tenant;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/** Signs test tokens with the key whose public half the service trusts in {@link AuthOnProfile}. */
final class Tokens {

    private Tokens() {
    }

    static String forTenant(String tenant) {
        return Jwt.subject("crm-" + tenant).claim("tenant", tenant).issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(10)).sign(privateKey());
    }

    static String withoutTenant() {
        return Jwt.subject("someone").issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(10)).sign(privateKey());
    }

    /** A token that claims to come from {@code issuer} but is signed with this test key instead of the issuer's. */
    static String forTenantFrom(String issuer, String audience, String tenant) {
        return Jwt.issuer(issuer).audience(audience).subject("crm-" + tenant).claim("tenant", tenant)
                .issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(10)).sign(privateKey());
    }

    static String expired(String tenant) {
        return Jwt.subject("crm").claim("tenant", tenant).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey("/auth/privateKey.pem");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dialer.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignerTest {

    // The test vector published with the Standard Webhooks reference libraries
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void reproducesTheStandardWebhooksReferenceVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.sign(SECRET, MSG_ID, TIMESTAMP, BODY));
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        String signature = WebhookSigner.sign(SECRET, MSG_ID, TIMESTAMP, BODY);
        assertNotEquals(signature, WebhookSigner.sign(SECRET, MSG_ID + "x", TIMESTAMP, BODY));
        assertNotEquals(signature, WebhookSigner.sign(SECRET, MSG_ID, TIMESTAMP + 1, BODY));
        assertNotEquals(signature, WebhookSigner.sign(SECRET, MSG_ID, TIMESTAMP,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rotationSignsWithEverySecretSeparatedBySpaces() {
        String other = WebhookSigner.newSecret();
        String header = WebhookSigner.signatureHeader(List.of(other, SECRET), MSG_ID, TIMESTAMP, BODY);
        String[] parts = header.split(" ");
        assertEquals(2, parts.length);
        assertEquals(WebhookSigner.sign(other, MSG_ID, TIMESTAMP, BODY), parts[0]);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", parts[1]);
    }

    @Test
    void newSecretsAreWhsecAndAtLeast24RandomBytes() {
        String a = WebhookSigner.newSecret();
        String b = WebhookSigner.newSecret();
        assertTrue(a.startsWith("whsec_"));
        assertTrue(Base64.getDecoder().decode(a.substring(6)).length >= 24);
        assertNotEquals(a, b);
    }
}

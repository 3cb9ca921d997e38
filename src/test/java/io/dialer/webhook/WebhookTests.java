package io.dialer.webhook;

import io.dialer.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Helpers of the webhook API tests. */
final class WebhookTests {

    private WebhookTests() {
    }

    /** Creates an endpoint; returns its id and secret. */
    static Map<String, String> createEndpoint(String url, List<String> eventTypes) {
        Map<String, Object> created = Api.json().body(Map.of("url", url, "eventTypes", eventTypes))
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().as(Map.class);
        return Map.of("id", (String) created.get("id"), "secret", (String) created.get("secret"));
    }

    static void deleteEndpoint(String id) {
        Api.json().delete("/v1/webhook-endpoints/" + id);
    }

    static List<UUID> record(EventLog log, List<NewEvent> events) {
        return QuarkusTransaction.requiringNew().call(() -> log.recordAll(events));
    }

    static NewEvent event(String type, UUID campaignId, Map<String, Object> data) {
        return new NewEvent("default", type, campaignId, data);
    }

    /**
     * Verifies a received webhook the way a receiver would (independently of the service's signer): one of the
     * space-separated v1 signatures must be the HMAC-SHA256 of id.timestamp.body under the secret.
     */
    static boolean verifies(String secret, TestReceiver.Received r) {
        return verifies(secret, r.id(), r.timestamp(), r.body(), r.signature());
    }

    static boolean verifies(String secret, String id, String timestamp, byte[] body, String signatureHeader) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            for (String signature : signatureHeader.split(" ")) {
                if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

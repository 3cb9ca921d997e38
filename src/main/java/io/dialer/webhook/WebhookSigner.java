package io.dialer.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks v1 signatures: {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, where the
 * key is the base64-decoded part of the {@code whsec_} secret.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    private WebhookSigner() {
    }

    /** A new endpoint secret: {@code whsec_} + base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** One signature, {@code v1,<base64>}. */
    public static String sign(String secret, String msgId, long timestamp, byte[] body) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a usable signing secret", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per secret, separated by spaces (rotation). */
    public static String signatureHeader(List<String> secrets, String msgId, long timestamp, byte[] body) {
        return secrets.stream().map(s -> sign(s, msgId, timestamp, body)).collect(Collectors.joining(" "));
    }

    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}

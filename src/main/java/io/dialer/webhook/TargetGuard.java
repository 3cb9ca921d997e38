package io.dialer.webhook;

import io.dialer.platform.FieldError;
import io.dialer.tenant.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhooks away from the service's own network (SSRF): endpoint URLs must be absolute http(s) URLs whose host
 * resolves only to public addresses. Checked when an endpoint is registered and again before every delivery, because
 * a name can be re-pointed (DNS rebinding) after it was accepted.
 *
 * <p>With authentication off (a developer's embedded service) loopback targets are allowed, so a local receiver works.
 */
@ApplicationScoped
public class TargetGuard {

    public static final int MAX_URL_LENGTH = 2048;

    /** What is allowed: https only when auth is on (unless allowHttp), public addresses only unless allowPrivate. */
    public record Policy(boolean authOn, boolean allowHttp, boolean allowPrivate) {
    }

    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Policy policy;
    private final Resolver resolver;

    @Inject
    TargetGuard(WebhookConfig config, AuthSettings auth) {
        this(new Policy(auth.enabled(), config.allowHttp(), config.allowPrivateTargets()), InetAddress::getAllByName);
    }

    public TargetGuard(Policy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** The problems with an endpoint URL (empty when it is acceptable), reported on {@code field}. */
    public List<FieldError> validate(String field, String url) {
        if (url == null || url.isBlank()) {
            return List.of(new FieldError(field, "required", "is required"));
        }
        if (url.length() > MAX_URL_LENGTH) {
            return List.of(new FieldError(field, "too_long", "must be at most " + MAX_URL_LENGTH + " characters"));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(invalid(field));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return List.of(invalid(field));
        }
        if (uri.getRawUserInfo() != null) {
            return List.of(new FieldError(field, "invalid_url", "must not contain credentials; receivers verify the signature"));
        }
        if (scheme.equals("http") && policy.authOn() && !policy.allowHttp()) {
            return List.of(new FieldError(field, "https_required", "must be an https URL"));
        }
        return addressRefusal(uri.getHost()).map(r -> List.of(new FieldError(field, r.code(), r.message()))).orElse(List.of());
    }

    /** Why a delivery to this URL must not be sent now, or empty when its host resolves only to allowed addresses. */
    public Optional<String> deliveryRefusal(URI uri) {
        return addressRefusal(uri.getHost()).map(Refusal::message);
    }

    private record Refusal(String code, String message) {
    }

    private Optional<Refusal> addressRefusal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.of(new Refusal("unresolvable_host", "host '" + bare + "' does not resolve"));
        }
        if (policy.allowPrivate()) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            String kind = nonPublicKind(address);
            if (kind != null && !(kind.equals("loopback") && !policy.authOn())) {
                return Optional.of(new Refusal("private_target", "resolves to " + address.getHostAddress() + ", a " + kind
                        + " address; webhooks are only sent to public addresses"));
            }
        }
        return Optional.empty();
    }

    private static FieldError invalid(String field) {
        return new FieldError(field, "invalid_url", "must be an absolute http or https URL, such as https://crm.example.com/webhooks");
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String nonPublicKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Kind(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
        }
        if (address instanceof Inet6Address) {
            return ipv6Kind(b);
        }
        return "unknown";
    }

    private static String ipv4Kind(int a, int b, int c, int d) {
        if (a == 169 && b == 254 && c == 169 && d == 254) {
            return "cloud metadata";
        }
        if (a == 127) {
            return "loopback";
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127)) {
            return "private";
        }
        if (a == 169 && b == 254) {
            return "link-local";
        }
        if (a == 0 || a >= 224 || (a == 192 && b == 0 && c == 0) || (a == 198 && (b == 18 || b == 19))) {
            return "reserved";
        }
        return null;
    }

    private static String ipv6Kind(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfd && second == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2 && allZero(b, 4, 14)
                && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54) {
            return "cloud metadata"; // fd00:ec2::254
        }
        if (allZero(b, 0, 15)) {
            return (b[15] & 0xff) == 1 ? "loopback" : (b[15] == 0 ? "reserved" : embeddedIpv4(b, 12));
        }
        if (allZero(b, 0, 12)) {
            return embeddedIpv4(b, 12); // IPv4-compatible ::a.b.c.d
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return embeddedIpv4(b, 12); // NAT64 64:ff9b::a.b.c.d
        }
        if (first == 0x20 && second == 0x02) {
            return embeddedIpv4(b, 2); // 6to4 2002:aabb:ccdd::
        }
        if ((first & 0xfe) == 0xfc) {
            return "private"; // fc00::/7 unique local
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return "link-local"; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return "private"; // fec0::/10, deprecated site-local
        }
        if (first == 0xff) {
            return "reserved"; // multicast
        }
        return null;
    }

    private static String embeddedIpv4(byte[] b, int offset) {
        return ipv4Kind(b[offset] & 0xff, b[offset + 1] & 0xff, b[offset + 2] & 0xff, b[offset + 3] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

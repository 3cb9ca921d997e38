package io.dialer.webhook;

import io.dialer.platform.FieldError;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSRF guard on endpoint URLs, with a fake DNS. */
class WebhookTargetGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "crm.example.com", "93.184.215.14",
            "localhost", "127.0.0.1",
            "intranet.example.com", "10.1.2.3",
            "rebound.example.com", "169.254.169.254",
            "mixed.example.com", "93.184.215.14,192.168.1.10",
            "v6.example.com", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String listed = DNS.get(host);
        if (listed == null) {
            // literals resolve without DNS
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[]{InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        String[] ips = listed.split(",");
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }

    private static TargetGuard guard(boolean authOn, boolean allowHttp, boolean allowPrivate) {
        return new TargetGuard(new TargetGuard.Policy(authOn, allowHttp, allowPrivate), WebhookTargetGuardTest::resolve);
    }

    private static String code(TargetGuard guard, String url) {
        List<FieldError> errors = guard.validate("url", url);
        return errors.isEmpty() ? null : errors.get(0).code();
    }

    @Test
    void publicHttpsTargetsAreAccepted() {
        TargetGuard strict = guard(true, false, false);
        assertNull(code(strict, "https://crm.example.com/hooks?x=1"));
        assertNull(code(strict, "https://93.184.215.14:8443/hooks"));
        assertNull(code(strict, "https://v6.example.com/hooks"));
        assertNull(code(strict, "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hooks"));
    }

    @Test
    void urlsMustBeAbsoluteHttpOrHttps() {
        TargetGuard g = guard(false, false, false);
        assertEquals("required", code(g, null));
        assertEquals("required", code(g, " "));
        assertEquals("invalid_url", code(g, "/relative/path"));
        assertEquals("invalid_url", code(g, "ftp://crm.example.com/x"));
        assertEquals("invalid_url", code(g, "mailto:ops@example.com"));
        assertEquals("invalid_url", code(g, "https://"));
        assertEquals("invalid_url", code(g, "https://crm.example.com/a b"));
        assertEquals("invalid_url", code(g, "https://user:pass@crm.example.com/x"));
        assertEquals("too_long", code(g, "https://crm.example.com/" + "a".repeat(TargetGuard.MAX_URL_LENGTH)));
        assertEquals("unresolvable_host", code(g, "https://nowhere.invalid/x"));
    }

    @Test
    void httpsIsRequiredWhenAuthenticationIsOnUnlessAllowed() {
        assertEquals("https_required", code(guard(true, false, false), "http://crm.example.com/x"));
        assertNull(code(guard(true, true, false), "http://crm.example.com/x"));
        assertNull(code(guard(false, false, false), "http://crm.example.com/x"));
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefused() {
        TargetGuard g = guard(true, false, false);
        for (String url : List.of("https://localhost/x", "https://127.0.0.1/x", "https://127.8.9.10/x", "https://[::1]/x",
                "https://10.0.0.1/x", "https://172.16.5.4/x", "https://172.31.255.255/x", "https://192.168.0.1/x",
                "https://169.254.169.254/latest/meta-data/", "https://169.254.10.10/x", "https://[fe80::1]/x",
                "https://[fd00:ec2::254]/x", "https://[fc00::1]/x", "https://0.0.0.0/x", "https://[::]/x",
                "https://100.64.0.1/x", "https://[::ffff:10.0.0.1]/x", "https://[64:ff9b::a00:1]/x",
                "https://intranet.example.com/x", "https://rebound.example.com/x", "https://mixed.example.com/x",
                "https://224.0.0.1/x", "https://255.255.255.255/x")) {
            assertEquals("private_target", code(g, url), url);
        }
        assertNull(code(g, "https://172.32.0.1/x"));
        assertNull(code(g, "https://100.128.0.1/x"));
        assertTrue(g.validate("url", "https://169.254.169.254/").get(0).message().contains("cloud metadata"));
        assertTrue(g.validate("url", "https://[fd00:ec2::254]/").get(0).message().contains("cloud metadata"));
    }

    @Test
    void loopbackIsAllowedWhenAuthenticationIsOffButOtherPrivateRangesAreNot() {
        TargetGuard dev = guard(false, false, false);
        assertNull(code(dev, "http://localhost:8081/hooks"));
        assertNull(code(dev, "http://127.0.0.1:8081/hooks"));
        assertNull(code(dev, "http://[::1]:8081/hooks"));
        assertEquals("private_target", code(dev, "http://10.0.0.1/hooks"));
        assertEquals("private_target", code(dev, "http://169.254.169.254/"));
    }

    @Test
    void allowPrivateTargetsAcceptsThemAll() {
        TargetGuard open = guard(true, false, true);
        assertNull(code(open, "https://10.0.0.1/x"));
        assertNull(code(open, "https://localhost/x"));
        assertNull(code(open, "https://169.254.169.254/x"));
    }

    @Test
    void deliveryTimeCheckResolvesAgain() {
        TargetGuard g = guard(true, false, false);
        assertTrue(g.deliveryRefusal(URI.create("https://crm.example.com/x")).isEmpty());
        assertTrue(g.deliveryRefusal(URI.create("https://rebound.example.com/x")).orElseThrow().contains("169.254.169.254"));
        assertTrue(g.deliveryRefusal(URI.create("https://nowhere.invalid/x")).orElseThrow().contains("does not resolve"));
    }
}

package io.dialer.notification;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/** Both fallback channels on: e-mail to a real SMTP server on loopback, SMS to a local HTTP gateway; fast retries. */
public class NotificationsOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("dialer.notification.email.enabled", "true");
        c.put("dialer.notification.sms.url", "http://127.0.0.1:" + NotificationTestPorts.get(NotificationTestPorts.SMS) + "/v1/messages");
        c.put("dialer.notification.sms.auth-header", "Bearer gateway-test-token");
        c.put("dialer.notification.interval", "1s");
        c.put("dialer.notification.retry-delay", "100ms");
        c.put("dialer.notification.max-attempts", "3");
        c.put("quarkus.mailer.mock", "false");
        c.put("quarkus.mailer.host", "127.0.0.1");
        c.put("quarkus.mailer.port", String.valueOf(NotificationTestPorts.get(NotificationTestPorts.SMTP)));
        c.put("quarkus.mailer.from", "Dialer <dialer@example.com>");
        c.put("quarkus.mailer.start-tls", "DISABLED");
        c.put("quarkus.mailer.tls", "false");
        // a send stuck on a loaded machine is given up and retried well inside the tests' 20 s patience
        c.put("dialer.notification.email.timeout", "5s");
        c.put("quarkus.mailer.keep-alive", "false");
        return c;
    }
}

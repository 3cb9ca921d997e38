package io.dialer.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for the test SMTP server and SMS gateway, chosen once per JVM and kept in system properties, so
 * that the test profile (which configures the service) and the test (which starts the servers) agree even when
 * Quarkus loads them in different class loaders.
 */
final class NotificationTestPorts {

    static final String SMTP = "dialer.test.smtp.port";
    static final String SMS = "dialer.test.sms-gateway.port";

    private NotificationTestPorts() {
    }

    static synchronized int get(String property) {
        String existing = System.getProperty(property);
        if (existing != null) {
            return Integer.parseInt(existing);
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = s.getLocalPort();
            System.setProperty(property, String.valueOf(port));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.dialer.dialing;

import io.dialer.telephony.AmiProxy;
import io.dialer.telephony.AsteriskTestEnvironment;
import io.quarkus.test.junit.QuarkusTestProfile;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The live loop on the Asterisk carrier, configured only through properties, as an operator would: the loopback
 * Asterisk of src/test/asterisk, reached through a TCP relay the test can cut (an AMI outage). Without that Asterisk
 * the service runs on the simulated carrier and the tests abort (skip) loudly.
 */
public class AsteriskCarrierProfile implements QuarkusTestProfile {

    /**
     * The relay between the service and Asterisk's AMI. Quarkus reads this profile in more than one class loader, so the
     * one relay is registered as a platform MBean, which the test reaches by name from any class loader.
     */
    private static final String RELAY = "io.dialer.test:type=AmiRelay";

    /** Management view of the relay (an MBean interface must be public). */
    public interface RelayMBean {
        int getPort();

        void cut();

        void restore();
    }

    static void cutAmi(boolean cut) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(RELAY), cut ? "cut" : "restore", null, null);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int relayPort(AsteriskTestEnvironment env) throws IOException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(RELAY);
            if (!server.isRegistered(name)) {
                AmiProxy ami = new AmiProxy(env.get("asterisk.ami.host"), Integer.parseInt(env.get("asterisk.ami.port")));
                server.registerMBean(new StandardMBean(new Relay(ami), RelayMBean.class), name);
            }
            return (Integer) server.getAttribute(name, "Port");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new DialingOnProfile().getConfigOverrides());
        AsteriskTestEnvironment.ifAvailable().ifPresent(env -> {
            try {
                int relayPort = relayPort(env);
                config.put("dialer.telephony.carrier", "asterisk");
                config.put("dialer.asterisk.servers.local.host", "127.0.0.1");
                config.put("dialer.asterisk.servers.local.port", Integer.toString(relayPort));
                config.put("dialer.asterisk.servers.local.username", env.get("asterisk.ami.username"));
                config.put("dialer.asterisk.servers.local.secret", env.get("asterisk.ami.secret"));
                config.put("dialer.asterisk.agi.port", Integer.toString(freePort()));
                config.put("dialer.asterisk.agent-channel-prefix", "PJSIP/sipp/");
                config.put("dialer.asterisk.sounds-dir", env.get("asterisk.sounds.dir.asterisk"));
                config.put("dialer.asterisk.recordings-dir", env.get("asterisk.recordings.dir.asterisk"));
                config.put("dialer.asterisk.reconnect-first", "200ms");
                config.put("dialer.asterisk.reconnect-max", "1s");
                config.put("dialer.telephony.sounds-dir", env.get("asterisk.sounds.dir"));
                config.put("dialer.telephony.recordings-dir", env.get("asterisk.recordings.dir"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return config;
    }

    private record Relay(AmiProxy proxy) implements RelayMBean {
        @Override
        public int getPort() {
            return proxy.port();
        }

        @Override
        public void cut() {
            proxy.cut();
        }

        @Override
        public void restore() {
            proxy.restore();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

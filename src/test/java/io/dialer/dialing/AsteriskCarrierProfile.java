package io.dialer.dialing;

import io.dialer.telephony.AmiProxy;
import io.dialer.telephony.AsteriskTestEnvironment;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
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
     * one relay lives in the system properties, seen by the test through a JDK interface: accept(true) cuts AMI,
     * accept(false) restores it.
     */
    private static final String RELAY = "dialer.test.ami-relay";

    static void cutAmi(boolean cut) {
        @SuppressWarnings("unchecked")
        java.util.function.Consumer<Boolean> relay = (java.util.function.Consumer<Boolean>) System.getProperties().get(RELAY);
        relay.accept(cut);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new DialingOnProfile().getConfigOverrides());
        AsteriskTestEnvironment.ifAvailable().ifPresent(env -> {
            try {
                Object relay = System.getProperties().get(RELAY);
                if (relay == null) {
                    AmiProxy ami = new AmiProxy(env.get("asterisk.ami.host"), Integer.parseInt(env.get("asterisk.ami.port")));
                    relay = new Relay(ami);
                    System.getProperties().put(RELAY, relay);
                    System.setProperty(RELAY + ".port", System.getProperty(RELAY + ".port"));
                }
                config.put("dialer.telephony.carrier", "asterisk");
                config.put("dialer.asterisk.servers.local.host", "127.0.0.1");
                config.put("dialer.asterisk.servers.local.port", System.getProperty(RELAY + ".port"));
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

    private record Relay(AmiProxy proxy) implements java.util.function.Consumer<Boolean> {
        @Override
        public void accept(Boolean cut) {
            if (cut) {
                proxy.cut();
            } else {
                proxy.restore();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

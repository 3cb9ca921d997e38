package io.dialer.telephony.asterisk;

import io.dialer.telephony.TelephonyPort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.function.Supplier;

/** {@code dialer_ami_connected{server}}: 1 while the AMI connection to a configured Asterisk is up, else 0. Asterisk only. */
@ApplicationScoped
public class AmiMetrics {

    void register(@Observes StartupEvent event, TelephonyPort carrier, MeterRegistry registry) {
        if (carrier instanceof AsteriskCarrier asterisk) {
            bind(registry, asterisk::amiConnected);
        }
    }

    /** One gauge per server named in the first answer of {@code connected} (the configured servers do not change). */
    public static void bind(MeterRegistry registry, Supplier<Map<String, Boolean>> connected) {
        for (String server : connected.get().keySet()) {
            Gauge.builder("dialer.ami.connected", connected, c -> Boolean.TRUE.equals(c.get().get(server)) ? 1 : 0)
                    .description("1 while the AMI connection to this Asterisk server is up, else 0")
                    .tag("server", server).strongReference(true).register(registry);
        }
    }
}

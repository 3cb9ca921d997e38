package io.dialer.telephony;

import io.dialer.telephony.asterisk.AsteriskCarrierFactory;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link TelephonyPort}, chosen at run time by {@code dialer.telephony.carrier}: {@code simulated} (the default)
 * or {@code asterisk}. A test may still replace it with a bean of its own.
 */
@ApplicationScoped
public class TelephonyPortProducer {

    @ConfigProperty(name = "dialer.telephony.carrier", defaultValue = "simulated")
    String carrierName;

    @Inject
    AsteriskCarrierFactory asterisk;

    @Inject
    RecordingStore recordings;

    private AutoCloseable carrier;

    @Produces
    @Singleton
    @DefaultBean
    TelephonyPort telephonyPort() {
        TelephonyPort port = switch (carrierName) {
            case "simulated" -> new SimulatedCarrier(recordings);
            case "asterisk" -> asterisk.create();
            default -> throw new IllegalArgumentException(
                    "dialer.telephony.carrier must be simulated or asterisk, not " + carrierName);
        };
        carrier = (AutoCloseable) port;
        return port;
    }

    @PreDestroy
    void shutDown() throws Exception {
        if (carrier != null) {
            carrier.close();
        }
    }
}

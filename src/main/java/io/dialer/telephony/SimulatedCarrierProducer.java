package io.dialer.telephony;

import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The simulated carrier is the {@link TelephonyPort} unless another carrier bean (Asterisk) is present. */
@ApplicationScoped
public class SimulatedCarrierProducer {

    private final SimulatedCarrier carrier;

    SimulatedCarrierProducer(RecordingStore recordings) {
        this.carrier = new SimulatedCarrier(recordings);
    }

    @Produces
    @Singleton
    @DefaultBean
    TelephonyPort telephonyPort() {
        return carrier;
    }

    @PreDestroy
    void shutDown() {
        carrier.close();
    }
}

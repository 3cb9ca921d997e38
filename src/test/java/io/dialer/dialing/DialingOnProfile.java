package io.dialer.dialing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The live loop on, reacting fast, with short leases so that take-over tests stay short. */
public class DialingOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dialer.dialing.enabled", "true", "dialer.dialing.tick-millis", "10",
                "dialer.dialing.supervisor-millis", "200", "dialer.dialing.lease-seconds", "3");
    }
}

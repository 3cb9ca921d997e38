package io.dialer.telephony.asterisk;

import io.dialer.telephony.TelephonyPort;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Telephony health. Readiness ({@code /q/health/ready}) fails only when no call can be placed (FastAGI down, or every
 * configured Asterisk unreachable): the other servers take the load while one is down. The group
 * {@code /q/health/group/telephony} fails as soon as any server is down, for alerting.
 */
@ApplicationScoped
public class AsteriskReadiness {

    @Inject
    TelephonyPort carrier;

    @Produces
    @Readiness
    HealthCheck canPlaceCalls() {
        return () -> check(true);
    }

    @Produces
    @HealthGroup("telephony")
    HealthCheck everyServerUp() {
        return () -> check(false);
    }

    private HealthCheckResponse check(boolean anyServerIsEnough) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("telephony");
        if (!(carrier instanceof AsteriskCarrier asterisk)) {
            return response.up().withData("carrier", carrier.getClass().getSimpleName()).build();
        }
        response.withData("carrier", "asterisk");
        var problems = asterisk.serverProblems();
        problems.forEach(response::withData);
        boolean up = anyServerIsEnough ? asterisk.canPlaceCalls() : problems.isEmpty();
        return response.status(up).build();
    }
}

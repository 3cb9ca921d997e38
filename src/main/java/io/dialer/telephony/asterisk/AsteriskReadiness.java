package io.dialer.telephony.asterisk;

import io.dialer.telephony.TelephonyPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every configured Asterisk server is connected and the FastAGI server listens. */
@Readiness
@ApplicationScoped
public class AsteriskReadiness implements HealthCheck {

    @Inject
    TelephonyPort carrier;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("telephony");
        if (!(carrier instanceof AsteriskCarrier asterisk)) {
            return response.up().withData("carrier", carrier.getClass().getSimpleName()).build();
        }
        Map<String, String> problems = asterisk.serverProblems();
        response.withData("carrier", "asterisk");
        problems.forEach(response::withData);
        return problems.isEmpty() ? response.up().build() : response.down().build();
    }
}

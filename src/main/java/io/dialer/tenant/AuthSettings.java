package io.dialer.tenant;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Whether /v1 requires bearer tokens. Auth is on as soon as an OIDC issuer URL
 * ({@code quarkus.oidc.auth-server-url}) or a token public key ({@code quarkus.oidc.public-key}) is configured.
 * With neither, the service runs open for the single tenant {@code default} and says so loudly;
 * {@code dialer.auth.required=true} (production) turns that into a startup failure.
 */
@ApplicationScoped
public class AuthSettings {

    public static final String DEFAULT_TENANT = "default";
    private static final Logger LOG = Logger.getLogger(AuthSettings.class);

    private final boolean enabled;
    private final boolean required;
    private final String tenantClaim;

    public AuthSettings(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuerUrl,
                        @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
                        @ConfigProperty(name = "dialer.auth.required", defaultValue = "false") boolean required,
                        @ConfigProperty(name = "dialer.auth.tenant-claim", defaultValue = "tenant") String tenantClaim) {
        this.enabled = issuerUrl.filter(s -> !s.isBlank()).isPresent() || publicKey.filter(s -> !s.isBlank()).isPresent();
        this.required = required;
        this.tenantClaim = tenantClaim;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            LOG.infof("Authentication is ON: every /v1 request needs a bearer token; tenant claim '%s'", tenantClaim);
            return;
        }
        if (required) {
            throw new IllegalStateException("dialer.auth.required=true but neither quarkus.oidc.auth-server-url nor "
                    + "quarkus.oidc.public-key is configured: refusing to start without authentication");
        }
        LOG.warn("""

                ************************************************************************
                *  AUTHENTICATION IS OFF. Every request is served as tenant 'default'.  *
                *  Configure quarkus.oidc.auth-server-url (OIDC issuer) or             *
                *  quarkus.oidc.public-key before exposing this service, and set       *
                *  dialer.auth.required=true in production.                            *
                ************************************************************************""");
    }

    public boolean enabled() {
        return enabled;
    }

    public String tenantClaim() {
        return tenantClaim;
    }
}

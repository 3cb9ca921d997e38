package io.dialer.tenant;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Turns the OIDC default tenant on exactly when an issuer URL or a token public key is configured, so that
 * the embedded default starts with no identity provider at all. An explicit
 * {@code quarkus.oidc.tenant-enabled} still wins.
 */
public class AuthSwitch implements ConfigSourceInterceptor {

    static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!TENANT_ENABLED.equals(name) || explicit(value)) {
            return value;
        }
        boolean configured = present(context.proceed("quarkus.oidc.auth-server-url"))
                || present(context.proceed("quarkus.oidc.public-key"));
        return ConfigValue.builder().withName(name).withValue(String.valueOf(configured)).build();
    }

    /** Built-in defaults come from a source with the lowest ordinal; anything a user set ranks higher. */
    private static boolean explicit(ConfigValue value) {
        return value != null && value.getConfigSourceOrdinal() > 0;
    }

    private static boolean present(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}

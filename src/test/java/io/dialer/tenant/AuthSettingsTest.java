package io.dialer.tenant;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthSettingsTest {

    @Test
    void authIsOnWhenAnIssuerOrAPublicKeyIsConfigured() {
        assertTrue(new AuthSettings(Optional.of("https://idp/realms/x"), Optional.empty(), true, "tenant").enabled());
        assertTrue(new AuthSettings(Optional.empty(), Optional.of("MIIB..."), true, "tenant").enabled());
        assertFalse(new AuthSettings(Optional.empty(), Optional.of(" "), false, "tenant").enabled());
    }

    @Test
    void requiredAuthWithoutConfigurationRefusesToStart() {
        AuthSettings missing = new AuthSettings(Optional.empty(), Optional.empty(), true, "tenant");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> missing.onStart(null));
        assertTrue(e.getMessage().contains("dialer.auth.required"));
        assertDoesNotThrow(() -> new AuthSettings(Optional.empty(), Optional.empty(), false, "tenant").onStart(null));
    }
}

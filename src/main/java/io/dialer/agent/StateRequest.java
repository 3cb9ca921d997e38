package io.dialer.agent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of PUT /v1/agents/{id}/state. */
public record StateRequest(
        @Schema(required = true, enumeration = {"LOGGED_OUT", "READY", "PAUSED"},
                description = "RESERVED, ON_CALL and WRAP_UP are set by the dialer only")
        String state,
        @Schema(description = "Required for PAUSED (e.g. 'lunch'); optional otherwise", maxLength = 200)
        String reason) {
}

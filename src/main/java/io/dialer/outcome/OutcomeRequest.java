package io.dialer.outcome;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A business outcome for one call, from the agent desktop, the CRM or the IVR.
 *
 * @param code             one of the campaign's outcome codes or a built-in one (WRONG_NUMBER, WRONG_PERSON,
 *                         CALLBACK_REQUESTED, DO_NOT_CALL)
 * @param callbackAt       when to call back; required by outcomes that need a callback time
 * @param callbackToAgent  the callback belongs to the agent who took the call (default: any agent)
 * @param data             free data the CRM wants back with the outcome
 */
public record OutcomeRequest(String code, String notes, Instant callbackAt, Boolean callbackToAgent, ObjectNode data) {
}

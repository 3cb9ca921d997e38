package io.dialer.telephony;

import io.dialer.engine.sim.Scenario;

import java.time.Clock;
import java.util.Objects;

/**
 * One call to place.
 *
 * @param callId             the attempt id; events carry it back
 * @param tenant             owner, for logs and the carrier's routing
 * @param campaignId         campaign, for logs
 * @param number             E.164
 * @param callerId           presented number, or null for the trunk's default
 * @param trunk              trunk chosen by the campaign's trunk rules, or null for the default
 * @param ringTimeoutSeconds released as NO_ANSWER after this
 * @param amd                run answering-machine detection on answer
 * @param clock              the campaign clock; a simulated campaign's clock may run faster than real time
 * @param simulation         the campaign's simulation profile with defaults applied (only the simulated carrier reads it)
 */
public record CallRequest(String callId, String tenant, String campaignId, String number, String callerId, String trunk,
                          int ringTimeoutSeconds, boolean amd, Clock clock, Scenario simulation) {

    public CallRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(clock, "clock");
    }
}

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
 * @param placedAt           when the dialer recorded the call as placed, on {@code clock}; the simulated carrier times
 *                           the far end from it so that its timestamps agree with the dialer's records (null: now)
 * @param record             record the conversation once bridged to an agent; the recording is stored as
 *                           {@code <callId>.wav} in the recording store by the time {@link CallEvent.Ended} is sent
 * @param amdTuning          the campaign's AMD parameters when {@code amd} is on, or null for the carrier's defaults
 */
public record CallRequest(String callId, String tenant, String campaignId, String number, String callerId, String trunk,
                          int ringTimeoutSeconds, boolean amd, Clock clock, Scenario simulation, java.time.Instant placedAt,
                          boolean record, AmdTuning amdTuning) {

    public CallRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(clock, "clock");
    }

    public CallRequest(String callId, String tenant, String campaignId, String number, String callerId, String trunk,
                       int ringTimeoutSeconds, boolean amd, Clock clock, Scenario simulation) {
        this(callId, tenant, campaignId, number, callerId, trunk, ringTimeoutSeconds, amd, clock, simulation, null, false);
    }

    public CallRequest(String callId, String tenant, String campaignId, String number, String callerId, String trunk,
                       int ringTimeoutSeconds, boolean amd, Clock clock, Scenario simulation, java.time.Instant placedAt,
                       boolean record) {
        this(callId, tenant, campaignId, number, callerId, trunk, ringTimeoutSeconds, amd, clock, simulation, placedAt,
                record, null);
    }
}

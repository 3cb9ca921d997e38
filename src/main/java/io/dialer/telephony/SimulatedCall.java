package io.dialer.telephony;

import io.dialer.engine.result.ResultCode;
import io.dialer.platform.ScaledClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One call inside {@link SimulatedCarrier}: its state, its single pending timer and its outbox. State changes happen
 * under the call's monitor; events are delivered by {@link #flush()} outside it, one at a time and in order, so a
 * listener may call back into the carrier (also for other calls) without deadlock.
 */
final class SimulatedCall {


    enum State { DIALING, RINGING, ANSWERED, BRIDGED, MESSAGE, IVR, ENDED }

    final CallRequest request;
    final CallScript script;
    private final Instant placedAt;
    private final long placedNanos;

    State state = State.DIALING;
    /** Bumped whenever the pending timer is superseded; a timer that fires with an old value does nothing. */
    int generation;
    ScheduledFuture<?> timer;
    /** When the call was bridged to an agent, for its recording. */
    Instant bridgedAt;
    /** The agentless call's plan, from when its greeting started ({@code ivrStartedAt}). */
    SimulatedSurvey ivr;
    Instant ivrStartedAt;
    private Instant lastAt;

    private final CallEventOutbox outbox;

    SimulatedCall(CallRequest request, CallListener listener, CallScript script) {
        this.request = request;
        this.outbox = new CallEventOutbox(request.callId(), listener);
        this.script = script;
        Instant now = request.clock().instant();
        this.placedAt = request.placedAt() != null && request.placedAt().isBefore(now) ? request.placedAt() : now;
        double lagSeconds = Duration.between(placedAt, now).toNanos() / 1e9;
        long lagNanos = request.clock() instanceof ScaledClock scaled ? scaled.realNanos(lagSeconds) : (long) (lagSeconds * 1e9);
        this.placedNanos = System.nanoTime() - lagNanos;
        this.lastAt = placedAt;
    }

    String id() {
        return request.callId();
    }

    boolean answered() {
        return state == State.ANSWERED || state == State.BRIDGED || state == State.MESSAGE || state == State.IVR;
    }

    /** Campaign time {@code seconds} after the call was placed (the carrier's own timing). */
    Instant afterPlaced(double seconds) {
        return plus(placedAt, seconds);
    }

    /** Campaign time now, for what the dialer just did; never before the call's previous event. */
    Instant now() {
        Instant now = request.clock().instant();
        return now.isAfter(lastAt) ? now : lastAt;
    }

    /** Real nanoseconds from now until campaign time {@code at}. */
    long realNanosUntil(Instant at) {
        double seconds = Duration.between(placedAt, at).toNanos() / 1e9;
        long target = request.clock() instanceof ScaledClock scaled ? scaled.realNanos(seconds) : (long) (seconds * 1e9);
        return Math.max(0, target - (System.nanoTime() - placedNanos));
    }

    static Instant plus(Instant at, double seconds) {
        return at.plusNanos(Math.round(seconds * 1e9));
    }

    // ---- events (callers hold the monitor; timestamps never go backwards within a call)

    void ringing(Instant at) {
        emit(new CallEvent.Ringing(id(), stamp(at)));
    }

    void answered(Instant at, AnswerKind kind) {
        emit(new CallEvent.Answered(id(), stamp(at), kind));
    }

    void bridged(Instant at, String agentId) {
        emit(new CallEvent.Bridged(id(), stamp(at), agentId));
    }

    void surveyAnswered(Instant at, Integer answer, String commentRecording) {
        emit(new CallEvent.SurveyAnswered(id(), stamp(at), answer, commentRecording));
    }

    void ended(Instant at, ResultCode networkResult, CallEvent.HangupBy by, String cause) {
        emit(new CallEvent.Ended(id(), stamp(at), networkResult, by, cause));
    }

    private Instant stamp(Instant at) {
        if (at.isAfter(lastAt)) {
            lastAt = at;
        }
        return lastAt;
    }

    private void emit(CallEvent event) {
        outbox.offer(event);
    }

    /** Delivers queued events unless another thread (or an outer frame of this one) is already doing so. */
    void flush() {
        outbox.drain();
    }
}

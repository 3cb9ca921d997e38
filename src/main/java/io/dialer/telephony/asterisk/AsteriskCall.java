package io.dialer.telephony.asterisk;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.AnswerKind;
import io.dialer.telephony.CallEvent;
import io.dialer.telephony.CallEvent.HangupBy;
import io.dialer.telephony.CallEventOutbox;
import io.dialer.telephony.CallListener;
import io.dialer.telephony.CallRequest;
import io.dialer.telephony.IvrScript;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One customer call on one Asterisk server. Facts arrive from two sides, AMI events and FastAGI scripts, in any order
 * and possibly twice; the state machine below turns them into the port's events, each at most once and in order, and
 * exactly one Ended. Events are delivered to the listener on the carrier's executor, one at a time per call.
 */
final class AsteriskCall {


    enum State { DIALING, ANSWERED, BRIDGED, ENDING, ENDED }

    /** What the dialer asked an answered call to do; the call's FastAGI script takes them one by one. */
    sealed interface Command {
        record Bridge(String agentId) implements Command {
        }

        record Play(String message) implements Command {
        }

        record Ivr(IvrScript script) implements Command {
        }

        record Hangup() implements Command {
        }
    }

    final CallRequest request;
    final AmiServer server;
    final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final Executor executor;

    private State state = State.DIALING;
    private boolean rang;
    private boolean hangupRequested;
    private Integer trunkQ850;
    private boolean amiFallbackDue;
    private Instant lastAt;
    /** AMI connection generation the call was placed in; reconciliation only judges calls placed before an outage. */
    final long placedInGeneration;

    private final CallEventOutbox outbox;

    AsteriskCall(CallRequest request, AmiServer server, CallListener listener, Executor executor, long generation) {
        this.request = request;
        this.server = server;
        this.outbox = new CallEventOutbox(request.callId(), listener);
        this.executor = executor;
        this.placedInGeneration = generation;
        this.lastAt = request.clock().instant();
    }

    String id() {
        return request.callId();
    }

    synchronized State state() {
        return state;
    }

    synchronized boolean isAnswered() {
        return state == State.ANSWERED || state == State.BRIDGED;
    }

    synchronized boolean rang() {
        return rang;
    }

    /** The failed OriginateResponse came before any cause: the AMI fallback waits a moment for the cause. */
    synchronized boolean amiFallbackDue() {
        return amiFallbackDue;
    }

    synchronized void markAmiFallbackDue() {
        amiFallbackDue = true;
    }

    synchronized Integer trunkQ850() {
        return trunkQ850;
    }

    synchronized void trunkHungUp(Integer cause) {
        if (cause != null && cause != 0) {
            trunkQ850 = cause;
        }
    }

    /** Marks a dialer hang-up; returns whether the call was still unanswered (then it ends CANCELLED). */
    synchronized boolean requestHangup() {
        hangupRequested = true;
        return state == State.DIALING;
    }

    synchronized boolean hangupRequested() {
        return hangupRequested;
    }

    synchronized void ringing() {
        if (state == State.DIALING && !rang) {
            rang = true;
            emit(new CallEvent.Ringing(id(), now()));
        }
    }

    synchronized boolean answered(AnswerKind kind) {
        if (state != State.DIALING) {
            return false;
        }
        state = State.ANSWERED;
        emit(new CallEvent.Answered(id(), now(), kind));
        return true;
    }

    synchronized void bridged(String agentId) {
        if (state == State.ANSWERED) {
            state = State.BRIDGED;
            emit(new CallEvent.Bridged(id(), now(), agentId));
        }
    }

    synchronized void surveyAnswered(Integer answer, String commentRecording) {
        if (state == State.ANSWERED || state == State.BRIDGED) {
            emit(new CallEvent.SurveyAnswered(id(), now(), answer, commentRecording));
        }
    }

    /**
     * Claims the call's end: the first caller wins and must then call {@link #ended}; later callers get false. The
     * time of the end is taken now, even if Ended is sent later (after a recording is complete).
     */
    synchronized Instant finishing() {
        if (state == State.ENDING || state == State.ENDED) {
            return null;
        }
        state = State.ENDING;
        return now();
    }

    /** Sends Ended once; the call must have been claimed with {@link #finishing}. */
    void ended(Instant at, ResultCode result, HangupBy by, String cause) {
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            emit(new CallEvent.Ended(id(), stamp(at), result, by, cause));
        }
        commands.offer(new Command.Hangup());
    }

    /** Claims and sends Ended at once; false if the call had already ended or is ending. */
    boolean end(ResultCode result, HangupBy by, String cause) {
        Instant at = finishing();
        if (at == null) {
            return false;
        }
        ended(at, result, by, cause);
        return true;
    }

    private Instant now() {
        return stamp(request.clock().instant());
    }

    private Instant stamp(Instant at) {
        if (at.isAfter(lastAt)) {
            lastAt = at;
        }
        return lastAt;
    }

    private void emit(CallEvent event) {
        if (outbox.offer(event)) {
            executor.execute(outbox::drain);
        }
    }
}

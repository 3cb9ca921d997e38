package io.dialer.telephony;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.sim.Simulation;
import io.dialer.telephony.CallEvent.HangupBy;
import io.dialer.telephony.SimulatedCall.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A carrier that plays the far end itself: the embedded default, and the carrier of tests, demos and benchmarks.
 *
 * <p>Each call's fate is drawn from the request's simulation profile exactly as the pacing simulator draws a lead
 * ({@link io.dialer.engine.sim.GeneratedLeads}, {@link io.dialer.engine.sim.LeadFate}), from a seed mixed of the
 * profile's {@code seed} and the call id, so the same seed and call ids give the same calls. Events fire at real time =
 * campaign seconds / scale when the request's clock is a {@link io.dialer.platform.ScaledClock} (else in real time);
 * their timestamps are campaign-clock instants: placed-at plus the far end's timing for ringing, answer and hang-up,
 * the clock's reading for what the dialer did (bridge, abandon, message, hang-up).
 *
 * <p>Scripted numbers, by the last four digits of the E.164 number (anything else follows its fate):
 * <table>
 *   <tr><th>ends in</th><th>behaviour</th></tr>
 *   <tr><td>0001</td><td>a person: rings, answers after 3 s, patience at least 30 s, AMD always says HUMAN</td></tr>
 *   <tr><td>0002</td><td>BUSY after the fate's busy hold (SIP 486 / Q.850 17)</td></tr>
 *   <tr><td>0003</td><td>rings until the ring timeout: NO_ANSWER, hung up by NETWORK</td></tr>
 *   <tr><td>0004</td><td>an answering machine answering after 5 s, AMD always says MACHINE</td></tr>
 *   <tr><td>0005</td><td>a fax answering after 4 s: Answered(FAX), hangs up 5 s later with FAX</td></tr>
 *   <tr><td>0006</td><td>NUMBER_NOT_IN_SERVICE, no ringing (SIP 404 / Q.850 20)</td></tr>
 *   <tr><td>0007</td><td>rings, then REJECTED (SIP 603 / Q.850 21)</td></tr>
 *   <tr><td>0008</td><td>CONGESTION, no ringing (SIP 503 / Q.850 34)</td></tr>
 *   <tr><td>0009</td><td>NO_RINGBACK, no ringing (SIP 480 / Q.850 18)</td></tr>
 * </table>
 * Scripted answers later than the request's ring timeout are NO_ANSWER. Scripted persons and machines take their talk
 * time (and a scripted person a patience above 30 s) from the fate.
 *
 * <p>Once answered, the far end waits for the dialer: a person hangs up (CUSTOMER) when their patience runs out, a
 * machine after {@value CallScript#MACHINE_GIVES_UP} s, a fax after {@value CallScript#FAX_GIVES_UP} s. A bridged person
 * talks for the fate's talk time and hangs up; a bridged machine is hung up by the agent after
 * {@value #MACHINE_HANDLE_SECONDS} s with ANSWERING_MACHINE. An answered fax call always ends with FAX.
 *
 * <p>Agentless calls ({@link #runIvr}): the greeting takes its words at {@value SimulatedSurvey#WORDS_PER_SECOND} words
 * per second; a survey then goes as {@link SimulatedSurvey} draws it for the call (scripted survey-takers: 0010
 * answers 7, 0011 hangs up during the question, 0012 keys an invalid answer then 3; each answers the call like 0001).
 * {@link CallEvent.SurveyAnswered} comes just before Ended whenever the survey had started, also when the dialer hangs
 * up; a comment is stored as a short WAV ({@code <callId>-comment.wav}, at most {@value #MAX_RECORDING_SECONDS} s of
 * sound whatever its simulated length) in the recording store.
 *
 * <p>Recording: a bridged call of a request with {@code record} leaves {@code <callId>.wav} in the recording store
 * before its Ended (synthetic sound, at most {@value #MAX_RECORDING_SECONDS} s, not the whole conversation).
 *
 * <p>Threads: two daemon timer threads deliver the events; a listener may call back into the carrier. Calls for unknown
 * or ended ids, and calls that do not fit the call's state (bridge before answer, a second abandon), are ignored.
 */
public final class SimulatedCarrier implements TelephonyPort, AutoCloseable {

    static final double MACHINE_HANDLE_SECONDS = Simulation.MACHINE_HANDLE_SECONDS;
    static final double ABANDON_MESSAGE_SECONDS = 3;
    static final double AGENTLESS_MESSAGE_SECONDS = 15;
    /** Longest sound the simulated carrier writes for a recording: tests and demos need a valid file, not a long one. */
    static final double MAX_RECORDING_SECONDS = 3;

    private static final Logger LOG = Logger.getLogger(SimulatedCarrier.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final AtomicInteger CARRIERS = new AtomicInteger();

    private final ConcurrentMap<String, SimulatedCall> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> agentLines = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private final RecordingStore recordings;
    private volatile boolean closed;

    /** A carrier whose recordings go to {@code dialer-simulated-recordings} in the temporary directory. */
    public SimulatedCarrier() {
        this(new RecordingStore(Path.of(System.getProperty("java.io.tmpdir"), "dialer-simulated-recordings")));
    }

    public SimulatedCarrier(RecordingStore recordings) {
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        int carrier = CARRIERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        timers = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "simulated-carrier-" + carrier + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void originate(CallRequest request, CallListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        String refusal = closed ? "carrier closed"
                : E164.matcher(request.number()).matches() ? null : "not an E.164 number";
        if (refusal == null) {
            SimulatedCall call = new SimulatedCall(request, listener, CallScript.of(request));
            if (calls.putIfAbsent(call.id(), call) == null) {
                start(call);
                return;
            }
            refusal = "duplicate call id";
        }
        refuse(request, listener, refusal);
    }

    @Override
    public void bridge(String callId, String agentId) {
        whenAnswered(callId, call -> {
            Instant now = call.now();
            call.state = State.BRIDGED;
            call.bridgedAt = now;
            call.bridged(now, agentId);
            switch (call.script.party()) {
                case PERSON -> scheduleEnd(call, SimulatedCall.plus(now, call.script.talkSeconds()), HangupBy.CUSTOMER,
                        null, "BYE from customer / Q.850 16");
                case MACHINE -> scheduleEnd(call, SimulatedCall.plus(now, MACHINE_HANDLE_SECONDS), HangupBy.DIALER,
                        ResultCode.ANSWERING_MACHINE, "agent heard an answering machine");
                default -> {
                    // a fax keeps to its own schedule
                }
            }
        });
    }

    @Override
    public void abandon(String callId, String message) {
        whenAnswered(callId, call -> playThenHangUp(call, ABANDON_MESSAGE_SECONDS, "safe-harbour message played"));
    }

    @Override
    public void playMessage(String callId, String message) {
        whenAnswered(callId, call -> playThenHangUp(call, AGENTLESS_MESSAGE_SECONDS, "message played"));
    }

    @Override
    public void runIvr(String callId, IvrScript script) {
        Objects.requireNonNull(script, "script");
        whenAnswered(callId, call -> {
            SimulatedSurvey plan = SimulatedSurvey.of(call.request, call.script.party(), script);
            Instant now = call.now();
            call.state = State.IVR;
            call.ivr = plan;
            call.ivrStartedAt = now;
            Instant endAt = SimulatedCall.plus(now, plan.endAfter());
            scheduleEnd(call, endAt, plan.hangupBy(), farEndResult(call), plan.cause());
        });
    }

    /** Nothing rings: the line is only noted, so that {@link #agentLines()} shows what a real carrier would hold up. */
    @Override
    public void connectAgent(String campaignId, String agentId, String endpoint) {
        agentLines.putIfAbsent(agentId, endpoint);
    }

    @Override
    public void disconnectAgent(String agentId) {
        agentLines.remove(agentId);
    }

    /** The agents' shift lines up: agent id → phone. */
    public Map<String, String> agentLines() {
        return Map.copyOf(agentLines);
    }

    @Override
    public void hangup(String callId) {
        SimulatedCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (call.state != State.ENDED) {
                hangUpNow(call, "hung up by dialer");
            }
        }
        call.flush();
    }

    @Override
    public Set<String> activeCalls() {
        return Set.copyOf(calls.keySet());
    }

    /**
     * Ends every call still up (DIALER; CANCELLED if not answered) and stops the timers. The last events are delivered
     * on the calling thread; calls placed afterwards end at once with DIAL_ERROR.
     */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        for (SimulatedCall call : calls.values()) {
            synchronized (call) {
                if (call.state != State.ENDED) {
                    hangUpNow(call, "carrier closed");
                }
            }
            call.flush();
        }
    }

    // ---------------------------------------------------------------- the far end's own timeline

    private void start(SimulatedCall call) {
        synchronized (call) {
            CallScript script = call.script;
            if (Double.isNaN(script.ringingAfter())) {
                schedule(call, call.afterPlaced(outcomeAfter(script)), () -> reachOutcome(call));
            } else {
                schedule(call, call.afterPlaced(script.ringingAfter()), () -> ring(call));
            }
        }
        call.flush();
    }

    private void ring(SimulatedCall call) {
        call.state = State.RINGING;
        call.ringing(call.afterPlaced(call.script.ringingAfter()));
        schedule(call, call.afterPlaced(outcomeAfter(call.script)), () -> reachOutcome(call));
    }

    private void reachOutcome(SimulatedCall call) {
        CallScript script = call.script;
        if (!script.answers()) {
            end(call, call.afterPlaced(script.endedAfter()), HangupBy.NETWORK, script.networkResult(), script.cause());
            return;
        }
        call.state = State.ANSWERED;
        Instant answeredAt = call.afterPlaced(script.answeredAfter());
        call.answered(answeredAt, script.verdict());
        String cause = switch (script.party()) {
            case MACHINE -> "answering machine hung up / Q.850 16";
            case FAX -> "fax hung up / Q.850 16";
            default -> "BYE from customer / Q.850 16";
        };
        scheduleEnd(call, SimulatedCall.plus(answeredAt, script.giveUpAfter()), HangupBy.CUSTOMER, farEndResult(call),
                cause);
    }

    private static double outcomeAfter(CallScript script) {
        return script.answers() ? script.answeredAfter() : script.endedAfter();
    }

    // ---------------------------------------------------------------- the dialer's actions

    private void whenAnswered(String callId, Consumer<SimulatedCall> action) {
        SimulatedCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (call.state == State.ANSWERED) {
                action.accept(call);
            }
        }
        call.flush();
    }

    private void playThenHangUp(SimulatedCall call, double messageSeconds, String cause) {
        call.state = State.MESSAGE;
        scheduleEnd(call, SimulatedCall.plus(call.now(), messageSeconds), HangupBy.DIALER, farEndResult(call), cause);
    }

    private void hangUpNow(SimulatedCall call, String cause) {
        ResultCode result = call.answered() ? farEndResult(call) : ResultCode.CANCELLED;
        end(call, call.now(), HangupBy.DIALER, result, cause);
    }

    private static ResultCode farEndResult(SimulatedCall call) {
        return call.script.party() == CallScript.Party.FAX ? ResultCode.FAX : null;
    }

    // ---------------------------------------------------------------- timers (callers hold the call's monitor)

    private void scheduleEnd(SimulatedCall call, Instant at, HangupBy by, ResultCode result, String cause) {
        schedule(call, at, () -> end(call, at, by, result, cause));
    }

    /** Replaces the call's pending timer with {@code step} at campaign time {@code at}. */
    private void schedule(SimulatedCall call, Instant at, Runnable step) {
        cancelTimer(call);
        int generation = call.generation;
        try {
            call.timer = timers.schedule(() -> fire(call, generation, step), call.realNanosUntil(at),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            hangUpNow(call, "carrier closed");
        }
    }

    private void fire(SimulatedCall call, int generation, Runnable step) {
        synchronized (call) {
            if (call.generation != generation || call.state == State.ENDED) {
                return;
            }
            call.timer = null;
            step.run();
        }
        call.flush();
    }

    private void end(SimulatedCall call, Instant at, HangupBy by, ResultCode result, String cause) {
        cancelTimer(call);
        if (call.state == State.IVR) {
            finishSurvey(call, at);
        } else if (call.state == State.BRIDGED && call.request.record()) {
            double seconds = Duration.between(call.bridgedAt, at).toNanos() / 1e9;
            writeRecording(call, RecordingStore.callRecording(call.id()), seconds);
        }
        call.state = State.ENDED;
        calls.remove(call.id(), call);
        call.ended(at, result, by, cause);
    }

    /** What the survey came to by {@code at}: sent when it had started, with the answer and comment given by then. */
    private void finishSurvey(SimulatedCall call, Instant at) {
        SimulatedSurvey plan = call.ivr;
        double seconds = Duration.between(call.ivrStartedAt, at).toNanos() / 1e9;
        if (plan == null || !plan.surveyRan(seconds)) {
            return;
        }
        Integer answer = plan.answeredBy(seconds) ? plan.answer() : null;
        String comment = null;
        if (answer != null && plan.commented() && seconds > plan.commentAfter()) {
            comment = writeRecording(call, RecordingStore.commentRecording(call.id()),
                    Math.min(plan.commentSeconds(), seconds - plan.commentAfter()));
        }
        call.surveyAnswered(at, answer, comment);
    }

    /** Writes a short synthetic recording; returns its name, or null when it could not be written. */
    private String writeRecording(SimulatedCall call, String name, double seconds) {
        double length = Math.max(0.5, Math.min(MAX_RECORDING_SECONDS, seconds));
        try {
            recordings.write(name, Wav.synthetic(length, CallScript.fateSeed(name.length(), name)));
            return name;
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "call %s: could not write the recording %s into %s", call.id(), name, recordings.dir());
            return null;
        }
    }

    private static void cancelTimer(SimulatedCall call) {
        call.generation++;
        if (call.timer != null) {
            call.timer.cancel(false);
            call.timer = null;
        }
    }

    private void refuse(CallRequest request, CallListener listener, String cause) {
        CallEvent ended = new CallEvent.Ended(request.callId(), request.clock().instant(), ResultCode.DIAL_ERROR,
                HangupBy.DIALER, cause);
        Runnable delivery = () -> {
            try {
                listener.on(ended);
            } catch (RuntimeException e) {
                LOG.warnf(e, "call %s: listener failed on %s", request.callId(), ended);
            }
        };
        try {
            timers.execute(delivery);
        } catch (RejectedExecutionException closing) {
            delivery.run();
        }
    }
}

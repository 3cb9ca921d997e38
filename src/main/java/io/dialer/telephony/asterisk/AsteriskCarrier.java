package io.dialer.telephony.asterisk;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.CallEvent.HangupBy;
import io.dialer.telephony.CallListener;
import io.dialer.telephony.CallRequest;
import io.dialer.telephony.IvrScript;
import io.dialer.telephony.TelephonyPort;
import io.dialer.telephony.TextToSpeech;
import io.dialer.telephony.asterisk.AsteriskCall.Command;
import io.dialer.telephony.asterisk.AsteriskOutcomes.Failure;
import io.dialer.telephony.asterisk.AsteriskOutcomes.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.jboss.logging.Logger;

/**
 * The carrier of production: calls go out through one or more Asterisk servers. AMI (a plain ManagerConnection per
 * server) places calls and gives the fast signals (ringing, failed originates, hang-ups); the dialplan reports every
 * definitive result through FastAGI, a separate connection, so a result survives an AMI outage. When AMI comes back,
 * the calls placed before the outage that Asterisk no longer has and that got no result end NETWORK_ERROR.
 *
 * <p>Calls are spread over the connected servers (fewest calls in flight) and stay on theirs. With no server
 * connected, a call ends TRUNK_UNAVAILABLE at once. Agent lines are kept on the first connected server (by name).
 */
public final class AsteriskCarrier implements TelephonyPort, AutoCloseable, AmiServer.Listener {

    private static final Logger LOG = Logger.getLogger(AsteriskCarrier.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final long AMI_FALLBACK_MILLIS = 1000;
    private static final long RECORDING_POLL_MILLIS = 100;
    private static final long RECORDING_TIMEOUT_MILLIS = 10_000;
    private static final long AMI_FALLBACK_GRACE_MILLIS = 3_000;
    private static final AtomicInteger CARRIERS = new AtomicInteger();

    private final AsteriskSettings settings;
    private final Map<String, AmiServer> servers = new LinkedHashMap<>();
    private final ConcurrentMap<String, AsteriskCall> calls = new ConcurrentHashMap<>();
    /** Our call channels Asterisk still had at the last reconciliation, for calls this process does not know. */
    private final Set<String> orphans = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, AmiServer> agentLines = new ConcurrentHashMap<>();
    /**
     * The server each campaign's agents are on: its calls go there too, because a customer can only join an agent's
     * bridge on the same Asterisk.
     */
    private final ConcurrentMap<String, AmiServer> campaignServers = new ConcurrentHashMap<>();
    private final ExecutorService delivery;
    private final ScheduledExecutorService scheduler;
    private final DialerAgiServer agi;
    private volatile boolean closed;

    public AsteriskCarrier(AsteriskSettings settings, TextToSpeech speech, int maxAgiThreads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        int carrier = CARRIERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        delivery = Executors.newFixedThreadPool(2, daemon("asterisk-carrier-" + carrier + "-events-", threads));
        scheduler = Executors.newScheduledThreadPool(2, daemon("asterisk-carrier-" + carrier + "-timer-", threads));
        try {
            agi = new DialerAgiServer(settings.agiBindHost(), settings.agiPort(), maxAgiThreads,
                    new AgiCallControl(this, settings, speech), new AgiReports(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.servers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> servers.put(
                entry.getKey(), new AmiServer(entry.getKey(), entry.getValue(), settings.reconnectBackoff(), this,
                        scheduler)));
    }

    /** Starts the FastAGI server and the AMI connections; never fails on a server that is down. */
    public AsteriskCarrier start() {
        agi.start();
        servers.values().forEach(AmiServer::start);
        return this;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix, AtomicInteger counter) {
        return task -> {
            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---------------------------------------------------------------- TelephonyPort

    @Override
    public void originate(CallRequest request, CallListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (closed || !E164.matcher(request.number()).matches() || calls.containsKey(request.callId())) {
            String why = closed ? "carrier closed"
                    : calls.containsKey(request.callId()) ? "duplicate call id" : "not an E.164 number";
            new AsteriskCall(request, null, listener, delivery, 0).end(ResultCode.DIAL_ERROR, HangupBy.DIALER, why);
            return;
        }
        AmiServer server = serverFor(request.campaignId());
        if (server == null) {
            new AsteriskCall(request, null, listener, delivery, 0).end(ResultCode.TRUNK_UNAVAILABLE, HangupBy.NETWORK,
                    "no Asterisk server connected" + downReasons());
            return;
        }
        AsteriskCall call = new AsteriskCall(request, server, listener, delivery, server.generation());
        calls.put(call.id(), call);
        server.callsInFlight().incrementAndGet();
        OriginateAction action = OriginateCommand.customerCall(request, settings);
        try {
            server.send(action, response -> {
                if (response instanceof ManagerError error) {
                    end(call, ResultCode.DIAL_ERROR, HangupBy.DIALER, "Originate refused: " + error.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            end(call, ResultCode.TRUNK_UNAVAILABLE, HangupBy.NETWORK, "AMI " + server.name + ": " + e);
        }
    }

    @Override
    public void bridge(String callId, String agentId) {
        command(callId, new Command.Bridge(agentId));
    }

    @Override
    public void abandon(String callId, String message) {
        command(callId, new Command.Play(message));
    }

    @Override
    public void playMessage(String callId, String message) {
        command(callId, new Command.Play(message));
    }

    @Override
    public void runIvr(String callId, IvrScript script) {
        command(callId, new Command.Ivr(script));
    }

    @Override
    public void hangup(String callId) {
        AsteriskCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        call.requestHangup();
        // the call's script hangs up a waiting call even without AMI; a ringing call (no script yet) and a busy script
        // (inside ConfBridge, Playback) need AMI
        call.commands.offer(new Command.Hangup());
        call.server.hangup(CallCorrelation.customerChannel(callId));
    }

    private void command(String callId, Command command) {
        AsteriskCall call = calls.get(callId);
        if (call != null && call.state() == AsteriskCall.State.ANSWERED) {
            call.commands.offer(command);
        }
    }

    @Override
    public void connectAgent(String campaignId, String agentId, String endpoint) {
        AmiServer current = agentLines.get(agentId);
        if (current != null) {
            if (current.isUp()) {
                return;
            }
            // its server is gone: the line comes back on the campaign's new server
            agentLines.remove(agentId, current);
        }
        AmiServer server = serverFor(campaignId);
        if (server == null) {
            LOG.warnf("agent %s: no Asterisk server connected, line not connected", agentId);
            return;
        }
        if (agentLines.putIfAbsent(agentId, server) != null) {
            return;
        }
        if (campaignId != null) {
            campaignServers.putIfAbsent(campaignId, server);
        }
        try {
            server.send(OriginateCommand.agentLine(agentId, endpoint, settings), response -> {
                if (response instanceof ManagerError error) {
                    agentLines.remove(agentId, server);
                    LOG.warnf("agent %s: line to %s refused: %s", agentId, endpoint, error.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            agentLines.remove(agentId, server);
            LOG.warnf("agent %s: line to %s failed: %s", agentId, endpoint, e.toString());
        }
    }

    /**
     * The server for a campaign's calls and agent lines: the one its agents are on while it is up, else the connected
     * server with the fewest calls in flight (which then becomes the campaign's). Agentless campaigns, which never
     * connect agents, keep spreading their calls.
     */
    private AmiServer serverFor(String campaignId) {
        AmiServer pinned = campaignId == null ? null : campaignServers.get(campaignId);
        if (pinned != null && pinned.isUp()) {
            return pinned;
        }
        AmiServer least = servers.values().stream().filter(AmiServer::isUp)
                .min(Comparator.comparingInt(s -> s.callsInFlight().get())).orElse(null);
        if (pinned != null && least != null && campaignId != null) {
            // the campaign's server went down: its agents' lines are gone with it and come back on this one
            campaignServers.put(campaignId, least);
        }
        return least;
    }

    @Override
    public void disconnectAgent(String agentId) {
        AmiServer server = agentLines.remove(agentId);
        if (server != null) {
            server.hangup(CallCorrelation.agentChannel(agentId));
        }
    }

    @Override
    public Set<String> activeCalls() {
        Set<String> active = new HashSet<>(calls.keySet());
        active.addAll(orphans);
        return Set.copyOf(active);
    }

    /** Whether the carrier can place calls, and if not, why: for the readiness check. */
    public Map<String, String> serverProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        servers.values().forEach(server -> {
            if (!server.isUp()) {
                problems.put(server.name, String.valueOf(server.lastError()));
            }
        });
        if (agi.problem() != null) {
            problems.put("fastagi", agi.problem());
        }
        if (servers.isEmpty()) {
            problems.put("servers", "no dialer.asterisk.servers configured");
        }
        return problems;
    }

    /** Whether each configured server's AMI connection is up, by name. */
    public Map<String, Boolean> amiConnected() {
        Map<String, Boolean> up = new LinkedHashMap<>();
        servers.values().forEach(server -> up.put(server.name, server.isUp()));
        return up;
    }

    /** Calls in flight per configured server, by name. */
    public Map<String, Integer> callsInFlight() {
        Map<String, Integer> inFlight = new LinkedHashMap<>();
        servers.values().forEach(server -> inFlight.put(server.name, server.callsInFlight().get()));
        return inFlight;
    }

    /** Whether the carrier can place calls at all: FastAGI listens and at least one server is connected. */
    public boolean canPlaceCalls() {
        return agi.problem() == null && servers.values().stream().anyMatch(AmiServer::isUp);
    }

    /** Ends every call still up (hung up on Asterisk, DIALER) and closes the connections. */
    @Override
    public void close() {
        closed = true;
        for (AsteriskCall call : calls.values()) {
            boolean unanswered = call.requestHangup();
            if (call.server != null && call.server.isUp()) {
                call.server.hangup(CallCorrelation.customerChannel(call.id()));
            }
            end(call, unanswered ? ResultCode.CANCELLED : null, HangupBy.DIALER, "carrier closed");
        }
        agentLines.forEach((agent, server) -> server.hangup(CallCorrelation.agentChannel(agent)));
        agentLines.clear();
        agi.stop();
        servers.values().forEach(AmiServer::close);
        scheduler.shutdownNow();
        delivery.shutdown();
    }

    // ---------------------------------------------------------------- reports from the dialplan (FastAGI)

    AsteriskCall call(String callId) {
        return calls.get(callId);
    }

    /** The trunk's Dial() failed: the definitive result of a call that was not answered. */
    void dialFailed(String callId, String dialStatus, Integer q850, Integer sipCode, Integer ringMillis) {
        AsteriskCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        if (call.hangupRequested()) {
            end(call, ResultCode.CANCELLED, HangupBy.DIALER, "hung up by dialer while ringing");
            return;
        }
        boolean rang = call.rang() || (ringMillis != null && ringMillis > 0);
        Outcome outcome = AsteriskOutcomes.unanswered(new Failure(sipCode, q850, dialStatus, null, rang));
        end(call, outcome.result(), HangupBy.NETWORK, outcome.cause());
    }

    /** The answered leg's hangup handler ran: the call's script has finished, or it never ran. */
    void answeredLegGone(String callId, Integer q850) {
        AsteriskCall call = calls.get(callId);
        if (call == null || call.state() == AsteriskCall.State.ENDING) {
            return;
        }
        String cause = "Q.850 " + (q850 == null ? "?" : q850);
        if (call.isAnswered()) {
            end(call, null, call.hangupRequested() ? HangupBy.DIALER : HangupBy.CUSTOMER, cause + " (call script lost)");
        } else {
            end(call, ResultCode.NETWORK_ERROR, HangupBy.NETWORK, cause + ": answered, but the FastAGI script never ran");
        }
    }

    /** The call script is done with an answered call; Ended follows once a recording is complete. */
    void answeredCallOver(AsteriskCall call, HangupBy by, String cause, boolean recorded) {
        Instant at = call.finishing();
        if (at == null) {
            return;
        }
        Path store = settings.recordingStore();
        if (!recorded || store == null) {
            finish(call, at, null, by, cause);
            return;
        }
        Path file = store.resolve(call.id() + ".wav");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECORDING_TIMEOUT_MILLIS);
        scheduler.execute(() -> awaitRecording(call, at, by, cause, file, deadline, -1));
    }

    private void awaitRecording(AsteriskCall call, Instant at, HangupBy by, String cause, Path file, long deadline,
                                long previousLength) {
        long length = RecordingWait.completeLength(file);
        if (length > 0 && length == previousLength) {
            finish(call, at, null, by, cause);
        } else if (System.nanoTime() > deadline) {
            LOG.warnf("call %s: recording %s not complete after %d ms", call.id(), file, RECORDING_TIMEOUT_MILLIS);
            finish(call, at, null, by, cause + "; recording incomplete");
        } else {
            try {
                scheduler.schedule(() -> awaitRecording(call, at, by, cause, file, deadline, length),
                        RECORDING_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                finish(call, at, null, by, cause + "; recording not awaited (carrier closed)");
            }
        }
    }

    // ---------------------------------------------------------------- AMI

    @Override
    public void event(AmiServer server, ManagerEvent event) {
        if (event instanceof OriginateResponseEvent response) {
            originateResponse(response);
        } else if (event instanceof HangupEvent hangup) {
            hungUp(hangup);
        } else if (event instanceof NewStateEvent state && Integer.valueOf(5).equals(state.getChannelState())) {
            ringing(state.getLinkedId());
        } else if (event instanceof DialStateEvent dial && "RINGING".equals(dial.getDialStatus())) {
            ringing(dial.getUniqueId());
        }
    }

    private void ringing(String uniqueId) {
        String callId = CallCorrelation.callIdOf(uniqueId);
        AsteriskCall call = callId == null ? null : calls.get(callId);
        if (call != null) {
            call.ringing();
        }
    }

    private void originateResponse(OriginateResponseEvent response) {
        String uniqueId = response.getUniqueId();
        String agentId = CallCorrelation.agentIdOf(uniqueId);
        if (agentId != null) {
            if (!"Success".equalsIgnoreCase(response.getResponse())) {
                agentLines.remove(agentId);
                LOG.warnf("agent %s: line not answered (reason %s)", agentId, response.getReason());
            }
            return;
        }
        AsteriskCall call = calls.get(String.valueOf(CallCorrelation.callIdOf(uniqueId)));
        if (call == null || "Success".equalsIgnoreCase(response.getResponse())) {
            return;
        }
        // measured on Asterisk 22: the trunk leg's Hangup (with its cause) comes before a failed OriginateResponse,
        // and a dialplan report through FastAGI before both
        failedByAmi(call, response.getReason());
    }

    private void hungUp(HangupEvent hangup) {
        String uniqueId = hangup.getUniqueId();
        String agentId = CallCorrelation.agentIdOf(uniqueId);
        if (agentId != null) {
            agentLines.remove(agentId);
            return;
        }
        String callId = CallCorrelation.callIdOf(uniqueId);
        if (callId == null) {
            return;
        }
        orphans.remove(callId);
        AsteriskCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        if (!CallCorrelation.isCustomerLeg(uniqueId)) {
            call.trunkHungUp(hangup.getCause());
            return;
        }
        // the last word on this call from AMI; FastAGI reports or the OriginateResponse normally came first
        Integer cause = hangup.getCause();
        schedule(() -> {
            AsteriskCall.State state = call.state();
            if (state == AsteriskCall.State.ENDING || state == AsteriskCall.State.ENDED) {
                return;
            }
            if (call.isAnswered()) {
                answeredLegGone(callId, cause);
            } else {
                failedByAmi(call, null);
            }
        }, AMI_FALLBACK_MILLIS);
    }

    private void failedByAmi(AsteriskCall call, Integer originateReason) {
        if (call.hangupRequested()) {
            end(call, ResultCode.CANCELLED, HangupBy.DIALER, "hung up by dialer while ringing");
            return;
        }
        if (call.trunkQ850() == null && !call.amiFallbackDue()) {
            // Under load the trunk leg's Hangup (with its cause) and the dialplan's FastAGI report can come after the
            // failed OriginateResponse: give them a moment before judging from the bare Originate reason.
            call.markAmiFallbackDue();
            scheduler.schedule(() -> failedByAmi(call, originateReason), AMI_FALLBACK_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        Outcome outcome = AsteriskOutcomes.unanswered(
                new Failure(null, call.trunkQ850(), null, originateReason, call.rang()));
        end(call, outcome.result(), HangupBy.NETWORK, outcome.cause());
    }

    @Override
    public void connected(AmiServer server) {
        long generation = server.generation();
        scheduler.execute(() -> reconcile(server, generation));
    }

    @Override
    public void disconnected(AmiServer server) {
        // nothing to do now: results keep coming through FastAGI; reconciliation runs when AMI is back
    }

    /**
     * After (re)connecting: a call placed before this connection whose channels Asterisk no longer has and whose result
     * never came is lost; channels of ours that this process does not know are listed as active calls.
     */
    private void reconcile(AmiServer server, long generation) {
        Set<String> channels;
        try {
            channels = server.channels();
        } catch (Exception e) {
            LOG.warnf("AMI %s: could not list channels to reconcile: %s", server.name, e.toString());
            return;
        }
        for (AsteriskCall call : calls.values()) {
            if (call.server != server || call.placedInGeneration >= generation) {
                continue;
            }
            boolean up = channels.contains(CallCorrelation.customerChannel(call.id()))
                    || channels.contains(CallCorrelation.trunkChannel(call.id()));
            AsteriskCall.State state = call.state();
            if (!up && state != AsteriskCall.State.ENDING && state != AsteriskCall.State.ENDED) {
                end(call, ResultCode.NETWORK_ERROR, HangupBy.NETWORK,
                        "lost while AMI was down: Asterisk " + server.name + " has no channel left and no result came");
            }
        }
        for (String uniqueId : channels) {
            String callId = CallCorrelation.callIdOf(uniqueId);
            if (callId != null && !calls.containsKey(callId)) {
                orphans.add(callId);
            }
            String agentId = CallCorrelation.agentIdOf(uniqueId);
            if (agentId != null) {
                agentLines.putIfAbsent(agentId, server);
            }
        }
        orphans.removeIf(callId -> !channels.contains(CallCorrelation.customerChannel(callId))
                && !channels.contains(CallCorrelation.trunkChannel(callId)) && !calls.containsKey(callId));
    }

    // ---------------------------------------------------------------- ending

    private void end(AsteriskCall call, ResultCode result, HangupBy by, String cause) {
        Instant at = call.finishing();
        if (at != null) {
            finish(call, at, result, by, cause);
        }
    }

    private void finish(AsteriskCall call, Instant at, ResultCode result, HangupBy by, String cause) {
        if (calls.remove(call.id(), call) && call.server != null) {
            call.server.callsInFlight().decrementAndGet();
        }
        call.ended(at, result, by, cause);
    }

    private void schedule(Runnable task, long millis) {
        try {
            scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closing: close() ends every call itself
        }
    }

    private String downReasons() {
        StringBuilder reasons = new StringBuilder();
        servers.values().forEach(s -> reasons.append("; ").append(s.name).append(": ").append(s.lastError()));
        return reasons.toString();
    }
}

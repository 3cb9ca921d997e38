package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.CallEvent.HangupBy;
import io.dialer.telephony.asterisk.AsteriskCarrier;
import io.dialer.telephony.asterisk.AsteriskSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.AgiExecEndEvent;
import org.asteriskjava.manager.event.ConfbridgeJoinEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The port contract against the real loopback Asterisk 22 + SIPp far ends of src/test/asterisk (start them first:
 * {@code asterisk.sh start} with {@code DIALER_DIALPLAN_DIR=src/main/asterisk}, then {@code sipp.sh start}). The
 * carrier reaches AMI through a relay the tests can cut; a second, direct AMI connection watches what Asterisk did.
 */
class AsteriskCarrierContractTest extends TelephonyPortContract {

    private static AmiProxy proxy;
    private static AsteriskCarrier carrier;
    private static ToneSpeech speech;
    private static Path recordings;
    private static ManagerConnection observer;
    private static final List<ManagerEvent> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        AsteriskTestEnvironment env = AsteriskTestEnvironment.require();
        String host = env.get("asterisk.ami.host");
        int port = Integer.parseInt(env.get("asterisk.ami.port"));
        String user = env.get("asterisk.ami.username");
        String secret = env.get("asterisk.ami.secret");
        observer = new ManagerConnectionFactory(host, port, user, secret).createManagerConnection();
        observer.addEventListener(SEEN::add);
        observer.login();
        proxy = new AmiProxy(host, port);
        int agiPort = freePort();
        speech = new ToneSpeech(Path.of(env.get("asterisk.sounds.dir")));
        recordings = Path.of(env.get("asterisk.recordings.dir"));
        AsteriskSettings settings = new AsteriskSettings(
                Map.of("test", new AsteriskSettings.Server(host, proxy.port(), user, secret)), "127.0.0.1", agiPort,
                "127.0.0.1:" + agiPort, Map.of(), "PJSIP/sipp/", env.get("asterisk.sounds.dir.asterisk"),
                env.get("asterisk.recordings.dir.asterisk"), Path.of(env.get("asterisk.recordings.dir")), null,
                new AsteriskSettings.Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
        carrier = new AsteriskCarrier(settings, speech, 200).start();
        await("the carrier connects to AMI", Duration.ofSeconds(15), () -> carrier.serverProblems().isEmpty());
    }

    @AfterAll
    static void disconnect() throws IOException {
        if (carrier != null) {
            carrier.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (observer != null) {
            observer.logoff();
        }
    }

    @Override
    protected TelephonyPort carrier() {
        return carrier;
    }

    @Override
    protected Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    protected int ringTimeoutSeconds() {
        return 4;
    }

    /** SIPp's "human" far end hangs up 60 s after answering. */
    @Override
    protected Duration patience() {
        return Duration.ofSeconds(40);
    }

    @Override
    protected void agentReady(String agentId) {
        carrier.connectAgent("campaign-1", agentId, "sip:agent1@127.0.0.1:5080");
        carrier.connectAgent("campaign-1", agentId, "sip:agent1@127.0.0.1:5080");
        await("agent " + agentId + " in the bridge", Duration.ofSeconds(10),
                () -> seen(ConfbridgeJoinEvent.class, join -> ("dialer-a-" + agentId).equals(join.getUniqueId())));
    }

    @Override
    protected void assertAgentReached(String callId, String agentId, CallRecorder recorder) {
        String conference = "dialer-agent-" + agentId;
        await("the customer joined " + conference, Duration.ofSeconds(5),
                () -> seen(ConfbridgeJoinEvent.class, join -> conference.equals(join.getConference())
                        && ("dialer-c-" + callId).equals(join.getUniqueId())));
        assertTrue(seen(ConfbridgeJoinEvent.class, join -> conference.equals(join.getConference())
                && ("dialer-a-" + agentId).equals(join.getUniqueId())), "the agent is in " + conference);
    }

    @Override
    protected void assertMessagePlayed(String callId, CallRecorder recorder) {
        super.assertMessagePlayed(callId, recorder);
        // the observer's AMI events may trail the call's end (which comes over FastAGI)
        await("Asterisk ran Playback of the rendered message", Duration.ofSeconds(5),
                () -> seen(AgiExecEndEvent.class, exec -> ("dialer-c-" + callId).equals(exec.getUniqueId())
                        && exec.getCommand() != null && exec.getCommand().contains("Playback")
                        && exec.getCommand().contains("tone-")));
    }

    @Test
    void callsInFlightKeepTheirResultsWhileAmiIsDownAndTheCarrierReconnects() {
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.playMessage(event.callId(), "hello from the outage test");
            }
        });
        CallRequest noAnswer = request(number("0003"));
        CallRequest declined = request(number("0007"));
        CallRequest person = request(number("0001"));
        for (CallRequest request : List.of(noAnswer, declined, person)) {
            carrier.originate(request, recorder);
        }
        await("0003 rings", Duration.ofSeconds(5),
                () -> !recorder.eventsOf(noAnswer.callId(), CallEvent.Ringing.class).isEmpty());
        proxy.cut();
        await("the carrier notices the outage", Duration.ofSeconds(10), () -> !carrier.serverProblems().isEmpty());

        CallRecorder refused = new CallRecorder();
        CallRequest meanwhile = request(number("0002"));
        carrier.originate(meanwhile, refused);
        assertEquals(ResultCode.TRUNK_UNAVAILABLE, refused.awaitEnded(meanwhile.callId(), Duration.ofSeconds(5))
                .networkResult());

        recorder.awaitAllEnded(List.of(noAnswer.callId(), declined.callId(), person.callId()), Duration.ofSeconds(30));
        assertFalse(carrier.serverProblems().isEmpty(), "AMI stayed down while the calls ended");
        assertEquals(ResultCode.NO_ANSWER, recorder.awaitEnded(noAnswer.callId(), patience()).networkResult());
        assertEquals(ResultCode.REJECTED, recorder.awaitEnded(declined.callId(), patience()).networkResult());
        CallEvent.Ended personEnded = recorder.awaitEnded(person.callId(), patience());
        assertEquals(HangupBy.DIALER, personEnded.hangupBy());
        assertEquals("message played", personEnded.cause());

        proxy.restore();
        await("the carrier reconnects", Duration.ofSeconds(20), () -> carrier.serverProblems().isEmpty());
        CallRecorder after = new CallRecorder();
        CallRequest busy = request(number("0002"));
        carrier.originate(busy, after);
        assertEquals(ResultCode.BUSY, after.awaitEnded(busy.callId(), Duration.ofSeconds(15)).networkResult());
        for (CallRequest request : List.of(noAnswer, declined, person)) {
            assertEquals(1, recorder.eventsOf(request.callId(), CallEvent.Ended.class).size());
            assertWellFormed(recorder.events(request.callId()));
        }
    }

    @Test
    void surveyReadsTheKeypadThenHangsUp() {
        IvrScript script = new IvrScript("greeting", new IvrScript.Survey("how likely, 1 to 10?", 1, 10, 2,
                "once more", null, 0));
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.runIvr(event.callId(), script);
            }
        });
        CallRequest request = request(number("0010"));
        carrier.originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), Duration.ofSeconds(40));
        List<CallEvent.SurveyAnswered> answers = recorder.eventsOf(request.callId(), CallEvent.SurveyAnswered.class);
        assertEquals(1, answers.size(), () -> "events " + recorder.events(request.callId()));
        assertEquals(7, answers.get(0).answer());
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        assertTrue(speech.rendered.containsAll(List.of("greeting", "how likely, 1 to 10?")));
    }

    @Test
    void recordedCallsRecordingIsCompleteWhenTheCallEnds() {
        agentReady("agent-rec");
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.bridge(event.callId(), "agent-rec");
            } else if (event instanceof CallEvent.Bridged) {
                new Thread(() -> {
                    sleep(2000);
                    carrier.hangup(event.callId());
                }).start();
            }
        });
        CallRequest plain = request(number("0001"));
        CallRequest request = new CallRequest(plain.callId(), plain.tenant(), plain.campaignId(), plain.number(), null,
                null, ringTimeoutSeconds(), false, plain.clock(), null, null, true);
        carrier.originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), Duration.ofSeconds(30));
        assertEquals(HangupBy.DIALER, ended.hangupBy(), () -> "events " + recorder.events(request.callId()));
        Path recording = recordings.resolve(request.callId() + ".wav");
        long length = recording.toFile().length();
        assertTrue(length > 44 + 8000, () -> recording + " has " + length + " bytes");
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(recording)) {
            file.read(header, 0);
        } catch (IOException e) {
            fail(e);
        }
        assertEquals(length - 8, Integer.toUnsignedLong(header.getInt(4)), "RIFF size of a finished file");
        assertAgentReached(request.callId(), "agent-rec", recorder);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T extends ManagerEvent> boolean seen(Class<T> type, Predicate<T> match) {
        return SEEN.stream().filter(type::isInstance).map(type::cast).anyMatch(match);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what
                        + (carrier == null ? "" : "; carrier problems: " + carrier.serverProblems()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.asterisk.AsteriskCarrier;
import io.dialer.telephony.asterisk.AsteriskSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several Asterisk servers: calls are shared among them, a server going down is reported and the others keep taking
 * calls, and a campaign's calls stay on the server its agents are on. The two "servers" are two AMI relays in front
 * of the one test Asterisk, so that one can be cut.
 */
class AsteriskServersTest {

    private static final AtomicLong IDS = new AtomicLong();

    private AmiProxy a;
    private AmiProxy b;
    private AsteriskCarrier carrier;

    @BeforeEach
    void twoServers() throws IOException {
        AsteriskTestEnvironment env = AsteriskTestEnvironment.require();
        String host = env.get("asterisk.ami.host");
        int port = Integer.parseInt(env.get("asterisk.ami.port"));
        String user = env.get("asterisk.ami.username");
        String secret = env.get("asterisk.ami.secret");
        a = new AmiProxy(host, port);
        b = new AmiProxy(host, port);
        int agiPort = freePort();
        AsteriskSettings settings = new AsteriskSettings(
                Map.of("a", new AsteriskSettings.Server(host, a.port(), user, secret),
                        "b", new AsteriskSettings.Server(host, b.port(), user, secret)),
                "127.0.0.1", agiPort, "127.0.0.1:" + agiPort, Map.of(), "PJSIP/sipp/",
                env.get("asterisk.sounds.dir.asterisk"), env.get("asterisk.recordings.dir.asterisk"),
                Path.of(env.get("asterisk.recordings.dir")), null,
                new AsteriskSettings.Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
        carrier = new AsteriskCarrier(settings, new ToneSpeech(Path.of(env.get("asterisk.sounds.dir"))), 50).start();
        await("both servers connected", Duration.ofSeconds(15), () -> carrier.serverProblems().isEmpty());
    }

    @AfterEach
    void close() throws IOException {
        if (carrier != null) {
            carrier.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void callsAreSharedAndAServerDownIsReportedWhileTheOtherTakesTheCalls() {
        CallRecorder recorder = new CallRecorder();
        List<String> ringing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CallRequest request = request("spread", "0003");
            ringing.add(request.callId());
            carrier.originate(request, recorder);
        }
        Map<String, Integer> inFlight = carrier.callsInFlight();
        assertEquals(3, inFlight.get("a"), () -> "shared evenly: " + inFlight);
        assertEquals(3, inFlight.get("b"), () -> "shared evenly: " + inFlight);
        ringing.forEach(carrier::hangup);
        recorder.awaitAllEnded(ringing, Duration.ofSeconds(20));

        a.cut();
        await("server a reported down", Duration.ofSeconds(15), () -> carrier.serverProblems().containsKey("a"));
        assertTrue(carrier.canPlaceCalls(), "b still takes calls");
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CallRequest request = request("spread", "0002");
            busy.add(request.callId());
            carrier.originate(request, recorder);
        }
        recorder.awaitAllEnded(busy, Duration.ofSeconds(20));
        busy.forEach(id -> assertEquals(ResultCode.BUSY, recorder.awaitEnded(id, Duration.ofSeconds(1)).networkResult()));

        a.restore();
        await("server a back", Duration.ofSeconds(15), () -> carrier.serverProblems().isEmpty());
    }

    @Test
    void aCampaignsCallsGoWhereItsAgentsAre() {
        carrier.connectAgent("with-agents", "srv-agent-1", "sip:agent3@127.0.0.1:5083");
        CallRecorder recorder = new CallRecorder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CallRequest request = request("with-agents", "0003");
            ids.add(request.callId());
            carrier.originate(request, recorder);
        }
        Map<String, Integer> inFlight = carrier.callsInFlight();
        assertTrue(inFlight.values().contains(4) && inFlight.values().contains(0),
                () -> "all four on the agents' server: " + inFlight);
        ids.forEach(carrier::hangup);
        recorder.awaitAllEnded(ids, Duration.ofSeconds(20));
        carrier.disconnectAgent("srv-agent-1");
    }

    private static CallRequest request(String campaign, String lastFour) {
        return new CallRequest("servers-" + IDS.incrementAndGet() + "-" + System.nanoTime(), "default", campaign,
                "+1202556" + lastFour, null, null, 15, false, Clock.systemUTC(), null);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.sim.Scenario;
import io.dialer.platform.ScaledClock;
import io.dialer.telephony.CallEvent.HangupBy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TelephonyPort} must do, on the scripted test numbers (see {@link SimulatedCarrier}): ...0001 a
 * person who answers within a few seconds and waits at least 30 s, ...0002 busy, ...0003 never answers. A carrier test
 * extends this class and supplies the carrier; it may override the clock, ring timeout and waiting time.
 */
public abstract class TelephonyPortContract {

    private static final AtomicLong IDS = new AtomicLong();

    protected abstract TelephonyPort carrier();

    /** A fresh campaign clock per call; 200x real time keeps every test well under a second. */
    protected Clock clock() {
        Instant now = Instant.now();
        return new ScaledClock(Clock.systemUTC(), now, now, 200);
    }

    protected int ringTimeoutSeconds() {
        return 10;
    }

    /** Real time a test waits for calls to end. */
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    /** Short conversations, so a bridged call ends soon. */
    protected Scenario simulation() {
        return Scenario.defaults().withService(new Scenario.TalkTime(20.0, 0.2, null, null),
                new Scenario.MeanCv(null, null));
    }

    /** Real time allowed past the ring timeout for a network's answer or refusal to arrive. */
    protected Duration networkSlack() {
        return Duration.ofSeconds(3);
    }

    /** Checks that the message an abandoned or agentless call was given was really played. */
    protected void assertMessagePlayed(String callId, CallRecorder recorder) {
        CallEvent.Ended ended = recorder.awaitEnded(callId, patience());
        assertTrue(ended.cause() != null && ended.cause().contains("played"), () -> "cause " + ended.cause());
    }

    /** Makes the agent ready to take calls (a carrier whose agents need a line connects it here). */
    protected void agentReady(String agentId) {
        carrier().connectAgent("campaign-1", agentId, "sip:" + agentId + "@127.0.0.1:5080");
    }

    /** Checks that a bridged call really reached the agent (beyond the Bridged event the contract checks itself). */
    protected void assertAgentReached(String callId, String agentId, CallRecorder recorder) {
    }

    protected CallRequest request(String number, boolean amd) {
        CallRequest plain = request(number);
        return new CallRequest(plain.callId(), plain.tenant(), plain.campaignId(), plain.number(), plain.callerId(),
                plain.trunk(), plain.ringTimeoutSeconds(), amd, plain.clock(), plain.simulation());
    }

    protected static String number(String lastFour) {
        return "+1202555" + lastFour;
    }

    protected CallRequest request(String number) {
        return new CallRequest("contract-" + IDS.incrementAndGet(), "default", "campaign-1", number, null, null,
                ringTimeoutSeconds(), false, clock(), simulation());
    }

    @Test
    void everyCallEndsExactlyOnceWhateverTheDialerSends() throws InterruptedException {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered answered) {
                carrier.hangup(answered.callId());
                carrier.hangup(answered.callId());
                carrier.bridge(answered.callId(), "agent-1");
                carrier.abandon(answered.callId(), "sorry");
            }
        });
        List<String> ids = new ArrayList<>();
        for (String lastFour : List.of("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009",
                "1234", "5678", "4321")) {
            CallRequest request = request(number(lastFour));
            ids.add(request.callId());
            carrier.originate(request, recorder);
        }
        carrier.hangup("no-such-call");
        carrier.bridge("no-such-call", "agent-1");
        recorder.awaitAllEnded(ids, patience());
        for (String id : ids) {
            carrier.hangup(id);
            carrier.bridge(id, "agent-1");
            carrier.abandon(id, "sorry");
            carrier.playMessage(id, "hello");
        }
        Thread.sleep(100);
        for (String id : ids) {
            assertEquals(1, recorder.eventsOf(id, CallEvent.Ended.class).size(), () -> "events " + recorder.events(id));
            assertWellFormed(recorder.events(id));
        }
    }

    @Test
    void busyNumberEndsBusy() {
        CallRecorder recorder = new CallRecorder();
        CallRequest request = request(number("0002"));
        carrier().originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), patience());
        assertEquals(ResultCode.BUSY, ended.networkResult());
        assertTrue(recorder.eventsOf(request.callId(), CallEvent.Answered.class).isEmpty());
    }

    @Test
    void unansweredCallEndsNoAnswerNotBeforeTheRingTimeout() {
        CallRecorder recorder = new CallRecorder();
        CallRequest request = request(number("0003"));
        Instant before = request.clock().instant();
        carrier().originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), patience());
        Instant dueAt = before.plusSeconds(ringTimeoutSeconds());
        assertEquals(ResultCode.NO_ANSWER, ended.networkResult());
        assertFalse(ended.at().isBefore(dueAt), () -> "ended at " + ended.at() + ", due " + dueAt);
        // the campaign clock itself has reached the ring timeout (small slack for clock granularity)
        assertFalse(request.clock().instant().isBefore(dueAt.minusMillis(100)));
    }

    @Test
    void hangingUpARingingCallEndsItCancelled() {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Ringing) {
                carrier.hangup(event.callId());
            }
        });
        CallRequest ringing = request(number("0003"));
        // the longest ring timeout, so that a loaded machine still hangs up before the network gives up
        CallRequest request = new CallRequest(ringing.callId(), ringing.tenant(), ringing.campaignId(), ringing.number(),
                ringing.callerId(), ringing.trunk(), 120, ringing.amd(), ringing.clock(), ringing.simulation());
        carrier.originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), patience());
        assertEquals(ResultCode.CANCELLED, ended.networkResult());
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        assertWellFormed(recorder.events(request.callId()));
    }

    @Test
    void bridgedPersonIsAnsweredThenBridgedThenEnded() {
        TelephonyPort carrier = carrier();
        agentReady("agent-7");
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.bridge(event.callId(), "agent-7");
            }
        });
        CallRequest request = request(number("0001"));
        carrier.originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), patience());
        List<CallEvent> events = withoutRinging(recorder.events(request.callId()));
        assertEquals(3, events.size(), () -> "events " + events);
        CallEvent.Answered answered = assertInstanceOf(CallEvent.Answered.class, events.get(0));
        assertTrue(Set.of(AnswerKind.HUMAN, AnswerKind.UNCLASSIFIED).contains(answered.kind()));
        assertEquals("agent-7", assertInstanceOf(CallEvent.Bridged.class, events.get(1)).agentId());
        assertEquals(HangupBy.CUSTOMER, ended.hangupBy());
        assertNull(ended.networkResult());
        assertWellFormed(recorder.events(request.callId()));
        assertAgentReached(request.callId(), "agent-7", recorder);
    }

    @Test
    void personNobodyTakesHangsUpWhenPatienceRunsOut() {
        CallRecorder recorder = new CallRecorder();
        CallRequest request = request(number("0001"));
        carrier().originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), patience());
        assertEquals(1, recorder.eventsOf(request.callId(), CallEvent.Answered.class).size());
        assertTrue(recorder.eventsOf(request.callId(), CallEvent.Bridged.class).isEmpty());
        assertEquals(HangupBy.CUSTOMER, ended.hangupBy());
        assertNull(ended.networkResult());
    }

    @Test
    void abandonedCallIsEndedByTheDialer() {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.abandon(event.callId(), "safe-harbour");
            }
        });
        CallRequest request = request(number("0001"));
        carrier.originate(request, recorder);
        CallEvent.Ended ended = recorder.awaitEnded(request.callId(), patience());
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        assertTrue(recorder.eventsOf(request.callId(), CallEvent.Bridged.class).isEmpty());
        assertMessagePlayed(request.callId(), recorder);
    }

    @Test
    void eachCallsEventsArriveInOrder() {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.bridge(event.callId(), "agent-1");
            }
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (String lastFour : List.of("0001", "0002", "0003", "0004", "0005")) {
                CallRequest request = request(number(lastFour));
                ids.add(request.callId());
                carrier.originate(request, recorder);
            }
        }
        recorder.awaitAllEnded(ids, patience());
        ids.forEach(id -> assertWellFormed(recorder.events(id)));
    }

    @Test
    void activeCallsListsCallsUntilTheyEnd() {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder();
        List<String> ids = new ArrayList<>();
        for (String lastFour : List.of("0001", "0002", "0003")) {
            CallRequest request = request(number(lastFour));
            ids.add(request.callId());
            carrier.originate(request, recorder);
        }
        assertTrue(carrier.activeCalls().contains(ids.get(2)), "the ringing call is up");
        recorder.awaitAllEnded(ids, patience());
        assertTrue(carrier.activeCalls().stream().noneMatch(ids::contains), () -> "still up: " + carrier.activeCalls());
    }

    @Test
    void everyScriptedNumberEndsWithItsResult() {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.hangup(event.callId());
            }
        });
        Map<String, ResultCode> refused = new LinkedHashMap<>();
        refused.put("0002", ResultCode.BUSY);
        refused.put("0003", ResultCode.NO_ANSWER);
        refused.put("0006", ResultCode.NUMBER_NOT_IN_SERVICE);
        refused.put("0007", ResultCode.REJECTED);
        refused.put("0008", ResultCode.CONGESTION);
        refused.put("0009", ResultCode.NO_RINGBACK);
        Map<String, CallRequest> requests = new LinkedHashMap<>();
        Map<String, Instant> placedAt = new LinkedHashMap<>();
        for (String lastFour : List.of("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")) {
            CallRequest request = request(number(lastFour));
            requests.put(lastFour, request);
            placedAt.put(lastFour, request.clock().instant());
            carrier.originate(request, recorder);
        }
        recorder.awaitAllEnded(requests.values().stream().map(CallRequest::callId).toList(), patience());
        requests.forEach((lastFour, request) -> {
            String id = request.callId();
            List<CallEvent> events = recorder.events(id);
            assertWellFormed(events);
            CallEvent.Ended ended = recorder.awaitEnded(id, patience());
            Instant ringTimeoutAt = placedAt.get(lastFour).plusSeconds(ringTimeoutSeconds()).plus(networkSlack());
            ResultCode expected = refused.get(lastFour);
            if (expected != null) {
                assertEquals(expected, ended.networkResult(), () -> lastFour + ": " + events);
                assertEquals(HangupBy.NETWORK, ended.hangupBy(), () -> lastFour + ": " + events);
                assertTrue(recorder.eventsOf(id, CallEvent.Answered.class).isEmpty(), () -> lastFour + ": " + events);
                assertFalse(ended.at().isAfter(ringTimeoutAt), () -> lastFour + " ended too late: " + events);
                assertTrue(ended.cause() != null && !ended.cause().isBlank(), () -> lastFour + ": " + events);
            } else {
                CallEvent.Answered answered = recorder.eventsOf(id, CallEvent.Answered.class).stream().findFirst()
                        .orElseThrow(() -> new AssertionError(lastFour + " not answered: " + events));
                assertFalse(answered.at().isAfter(ringTimeoutAt), () -> lastFour + " answered too late: " + events);
                assertEquals(HangupBy.DIALER, ended.hangupBy(), () -> lastFour + ": " + events);
            }
            boolean rings = Set.of("0002", "0003", "0007").contains(lastFour);
            if (rings) {
                assertFalse(recorder.eventsOf(id, CallEvent.Ringing.class).isEmpty(), () -> lastFour + ": " + events);
            }
        });
    }

    @Test
    void amdTellsPersonsMachinesAndTheUnsureApart() {
        TelephonyPort carrier = carrier();
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.hangup(event.callId());
            }
        });
        CallRequest person = request(number("0001"), true);
        CallRequest machine = request(number("0004"), true);
        CallRequest unsure = request(number("0005"), true);
        for (CallRequest request : List.of(person, machine, unsure)) {
            carrier.originate(request, recorder);
        }
        recorder.awaitAllEnded(List.of(person.callId(), machine.callId(), unsure.callId()), patience());
        assertEquals(AnswerKind.HUMAN, answerKind(recorder, person.callId()));
        assertEquals(AnswerKind.MACHINE, answerKind(recorder, machine.callId()));
        AnswerKind neither = answerKind(recorder, unsure.callId());
        assertFalse(neither == AnswerKind.HUMAN || neither == AnswerKind.MACHINE, () -> "0005 judged " + neither);
    }

    private static AnswerKind answerKind(CallRecorder recorder, String callId) {
        return recorder.eventsOf(callId, CallEvent.Answered.class).stream().findFirst()
                .orElseThrow(() -> new AssertionError("not answered: " + recorder.events(callId))).kind();
    }

    /** Ringing? Answered? Bridged? Ended, each at most once, in that order, with times that never go back. */
    protected static void assertWellFormed(List<CallEvent> events) {
        assertFalse(events.isEmpty());
        int lastRank = -1;
        Instant lastAt = Instant.MIN;
        for (CallEvent event : events) {
            int rank = event instanceof CallEvent.Ringing ? 0
                    : event instanceof CallEvent.Answered ? 1
                    : event instanceof CallEvent.Bridged ? 2 : 3;
            assertTrue(rank > lastRank, () -> "out of order: " + events);
            assertFalse(event.at().isBefore(lastAt), () -> "time goes back: " + events);
            lastRank = rank;
            lastAt = event.at();
        }
        assertInstanceOf(CallEvent.Ended.class, events.get(events.size() - 1));
    }

    private static List<CallEvent> withoutRinging(List<CallEvent> events) {
        return events.stream().filter(event -> !(event instanceof CallEvent.Ringing)).toList();
    }
}

package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.sim.Scenario;
import io.dialer.platform.ScaledClock;
import io.dialer.telephony.CallEvent.HangupBy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedCarrierTest extends TelephonyPortContract {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SimulatedCarrier carrier = new SimulatedCarrier();

    @Override
    protected TelephonyPort carrier() {
        return carrier;
    }

    @AfterEach
    void close() {
        carrier.close();
    }

    /** A campaign clock stopped at T but with fast timers: every timestamp is exact. */
    private static Clock frozen(double scale) {
        return new ScaledClock(Clock.fixed(T, ZoneOffset.UTC), T, T, scale);
    }

    private static CallRequest call(String id, String number, int ringTimeout, boolean amd, Clock clock,
                                    Scenario scenario) {
        return new CallRequest(id, "default", "campaign-1", number, null, null, ringTimeout, amd, clock, scenario);
    }

    private static Instant at(double seconds) {
        return SimulatedCall.plus(T, seconds);
    }

    private static CallEvent.Answered answered(CallRecorder recorder, String id) {
        return recorder.eventsOf(id, CallEvent.Answered.class).get(0);
    }

    // ---------------------------------------------------------------- scripted numbers and timestamps

    @Test
    void noAnswerEndsExactlyAtTheRingTimeoutOnTheCampaignClock() {
        CallRecorder recorder = new CallRecorder();
        carrier.originate(call("c1", number("0003"), 25, false, frozen(200), null), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        assertEquals(List.of(new CallEvent.Ringing("c1", at(0.5)), ended), recorder.events("c1"));
        assertEquals(at(25), ended.at());
        assertEquals(HangupBy.NETWORK, ended.hangupBy());
        assertEquals(ResultCode.NO_ANSWER, ended.networkResult());
    }

    @Test
    void scriptedPersonAnswersAfterThreeSecondsAndWaitsAtLeastThirty() {
        CallRecorder recorder = new CallRecorder();
        carrier.originate(call("c1", number("0001"), 25, false, frozen(200), null), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        CallEvent.Answered answered = answered(recorder, "c1");
        assertEquals(new CallEvent.Answered("c1", at(3), AnswerKind.UNCLASSIFIED), answered);
        assertTrue(!ended.at().isBefore(at(33)), () -> "gave up at " + ended.at());
        assertEquals(HangupBy.CUSTOMER, ended.hangupBy());
    }

    @Test
    void scriptedAnswerAfterTheRingTimeoutIsNoAnswer() {
        CallRecorder recorder = new CallRecorder();
        carrier.originate(call("c1", number("0001"), 2, false, frozen(200), null), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        assertEquals(ResultCode.NO_ANSWER, ended.networkResult());
        assertEquals(at(2), ended.at());
    }

    @Test
    void bridgedPersonTalksForTheFatesTalkTime() {
        Scenario talk30 = Scenario.defaults().withService(new Scenario.TalkTime(30.0, 0.000001, null, null),
                new Scenario.MeanCv(null, null));
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.bridge(event.callId(), "agent-1");
            }
        });
        carrier.originate(call("c1", number("0001"), 25, false, frozen(200), talk30), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        assertEquals(new CallEvent.Bridged("c1", at(3), "agent-1"), recorder.events("c1").get(2));
        assertEquals(33, Duration.between(T, ended.at()).toMillis() / 1000.0, 0.01);
        assertEquals(HangupBy.CUSTOMER, ended.hangupBy());
        assertNull(ended.networkResult());
    }

    @Test
    void bridgedMachineIsHungUpByTheAgentAfterEightSeconds() {
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.bridge(event.callId(), "agent-1");
            }
        });
        carrier.originate(call("c1", number("0004"), 25, false, frozen(200), null), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        assertEquals(new CallEvent.Answered("c1", at(5), AnswerKind.UNCLASSIFIED), answered(recorder, "c1"));
        assertEquals(new CallEvent.Ended("c1", at(13), ResultCode.ANSWERING_MACHINE, HangupBy.DIALER,
                "agent heard an answering machine"), ended);
    }

    @Test
    void amdNamesScriptedPersonsAndMachinesRightAfterItsDecisionTime() {
        CallRecorder recorder = new CallRecorder();
        carrier.originate(call("p", number("0001"), 25, true, frozen(200), null), recorder);
        carrier.originate(call("m", number("0004"), 25, true, frozen(200), null), recorder);
        recorder.awaitAllEnded(List.of("p", "m"), WAIT);
        CallEvent.Answered person = answered(recorder, "p");
        CallEvent.Answered machine = answered(recorder, "m");
        assertEquals(AnswerKind.HUMAN, person.kind());
        assertEquals(AnswerKind.MACHINE, machine.kind());
        assertBetween(at(3 + 2.5), at(3 + 5), person.at());
        assertBetween(at(5 + 2.5), at(5 + 5), machine.at());
    }

    @Test
    void faxAnswersAsFaxAndEndsWithFax() {
        CallRecorder recorder = new CallRecorder();
        carrier.originate(call("c1", number("0005"), 25, true, frozen(200), null), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        assertEquals(new CallEvent.Answered("c1", at(4), AnswerKind.FAX), answered(recorder, "c1"));
        assertEquals(ResultCode.FAX, ended.networkResult());
        assertEquals(at(9), ended.at());
    }

    @Test
    void networkRefusalsFollowTheTable() {
        Map<String, ResultCode> expected = new LinkedHashMap<>();
        expected.put("0002", ResultCode.BUSY);
        expected.put("0006", ResultCode.NUMBER_NOT_IN_SERVICE);
        expected.put("0007", ResultCode.REJECTED);
        expected.put("0008", ResultCode.CONGESTION);
        expected.put("0009", ResultCode.NO_RINGBACK);
        CallRecorder recorder = new CallRecorder();
        expected.keySet().forEach(n -> carrier.originate(call(n, number(n), 25, false, frozen(200), null), recorder));
        recorder.awaitAllEnded(expected.keySet(), WAIT);
        expected.forEach((n, result) -> {
            CallEvent.Ended ended = recorder.awaitEnded(n, WAIT);
            assertEquals(result, ended.networkResult(), n);
            assertEquals(HangupBy.NETWORK, ended.hangupBy(), n);
            assertTrue(ended.cause().startsWith("SIP "), ended.cause());
            assertBetween(at(1), at(4), ended.at());
            boolean rings = n.equals("0002") || n.equals("0007");
            assertEquals(rings, !recorder.eventsOf(n, CallEvent.Ringing.class).isEmpty(), n);
        });
    }

    @Test
    void messagesPlayThenTheDialerHangsUp() {
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                if (event.callId().equals("abandoned")) {
                    carrier.abandon(event.callId(), "safe-harbour");
                } else {
                    carrier.playMessage(event.callId(), "hello");
                }
            }
        });
        carrier.originate(call("abandoned", number("0001"), 25, false, frozen(200), null), recorder);
        carrier.originate(call("message", number("0004"), 25, false, frozen(200), null), recorder);
        recorder.awaitAllEnded(List.of("abandoned", "message"), WAIT);
        CallEvent.Ended abandoned = recorder.awaitEnded("abandoned", WAIT);
        CallEvent.Ended message = recorder.awaitEnded("message", WAIT);
        assertEquals(at(3 + 3), abandoned.at());
        assertEquals(HangupBy.DIALER, abandoned.hangupBy());
        assertNull(abandoned.networkResult());
        assertEquals(at(5 + 15), message.at());
        assertEquals(HangupBy.DIALER, message.hangupBy());
    }

    @Test
    void hangingUpAnAnsweredCallEndsItWithoutANetworkResult() {
        CallRecorder recorder = new CallRecorder(event -> {
            if (event instanceof CallEvent.Answered) {
                carrier.hangup(event.callId());
            }
        });
        carrier.originate(call("c1", number("0001"), 25, false, frozen(200), null), recorder);
        CallEvent.Ended ended = recorder.awaitEnded("c1", WAIT);
        assertEquals(at(3), ended.at());
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        assertNull(ended.networkResult());
    }

    // ---------------------------------------------------------------- robustness

    @Test
    void aThrowingListenerDoesNotStopTheCarrier() {
        CallRecorder throwing = new CallRecorder(event -> {
            throw new IllegalStateException("listener bug");
        });
        CallRecorder healthy = new CallRecorder();
        carrier.originate(call("bad", number("0001"), 25, false, frozen(200), null), throwing);
        carrier.originate(call("good", number("0002"), 25, false, frozen(200), null), healthy);
        throwing.awaitEnded("bad", WAIT);
        healthy.awaitEnded("good", WAIT);
        assertEquals(3, throwing.events("bad").size());
    }

    @Test
    void badNumbersAndDuplicateIdsEndAtOnceWithDialError() {
        CallRecorder recorder = new CallRecorder();
        CallRecorder duplicate = new CallRecorder();
        carrier.originate(call("bad", "12025550001", 25, false, frozen(200), null), recorder);
        carrier.originate(call("dup", number("0003"), 25, false, frozen(200), null), recorder);
        carrier.originate(call("dup", number("0001"), 25, false, frozen(200), null), duplicate);
        assertEquals(ResultCode.DIAL_ERROR, recorder.awaitEnded("bad", WAIT).networkResult());
        assertEquals(ResultCode.DIAL_ERROR, duplicate.awaitEnded("dup", WAIT).networkResult());
        assertEquals(ResultCode.NO_ANSWER, recorder.awaitEnded("dup", WAIT).networkResult());
    }

    @Test
    void closingEndsCallsInFlightAndRefusesNewOnes() {
        CallRecorder recorder = new CallRecorder();
        carrier.originate(call("ringing", number("0003"), 25, false, Clock.systemUTC(), null), recorder);
        carrier.close();
        CallEvent.Ended ended = recorder.awaitEnded("ringing", Duration.ZERO);
        assertEquals(ResultCode.CANCELLED, ended.networkResult());
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        carrier.originate(call("late", number("0001"), 25, false, Clock.systemUTC(), null), recorder);
        assertEquals(ResultCode.DIAL_ERROR, recorder.awaitEnded("late", Duration.ZERO).networkResult());
        assertTrue(carrier.activeCalls().isEmpty());
    }

    // ---------------------------------------------------------------- fates

    @Test
    void sameSeedAndCallIdsGiveTheSameCalls() {
        Map<String, List<CallEvent>> first = runFates(Scenario.defaults().withSeed(7), 300);
        Map<String, List<CallEvent>> second = runFates(Scenario.defaults().withSeed(7), 300);
        Map<String, List<CallEvent>> otherSeed = runFates(Scenario.defaults().withSeed(8), 300);
        first.forEach((id, events) -> assertEquals(events, second.get(id), id));
        assertNotEquals(first, otherSeed);
    }

    /** No reactions: the dialer's timing is not the carrier's to repeat, so only the far end's timeline is compared. */
    private static Map<String, List<CallEvent>> runFates(Scenario scenario, int calls) {
        try (SimulatedCarrier own = new SimulatedCarrier()) {
            CallRecorder recorder = new CallRecorder();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String id = "call-" + i;
                ids.add(id);
                own.originate(call(id, number(String.valueOf(2000 + i)), 25, true, frozen(1e6), scenario), recorder);
            }
            recorder.awaitAllEnded(ids, WAIT);
            Map<String, List<CallEvent>> events = new LinkedHashMap<>();
            ids.forEach(id -> events.put(id, recorder.events(id)));
            return events;
        }
    }

    @Test
    void outcomesFollowTheMix() {
        // AMD that never errs names who answered; a long ring timeout lets every person and machine answer
        Scenario scenario = Scenario.defaults().withSeed(3).withAmd(new Scenario.Amd(true, 0.0, 0.0, null));
        int n = 5000;
        Map<String, Integer> counts = new LinkedHashMap<>();
        CallRecorder recorder = new CallRecorder(event -> {
            String key = event instanceof CallEvent.Answered a ? a.kind().name()
                    : event instanceof CallEvent.Ended e && e.networkResult() != null ? e.networkResult().name()
                    : null;
            if (key != null) {
                synchronized (counts) {
                    counts.merge(key, 1, Integer::sum);
                }
            }
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "mix-" + i;
            ids.add(id);
            carrier.originate(call(id, number(String.valueOf(1000 + i)), 600, true, frozen(1e6), scenario), recorder);
        }
        recorder.awaitAllEnded(ids, WAIT);
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((key, count) -> shares.put(key, count / (double) n));
        Scenario.Mix mix = scenario.mix();
        assertEquals(mix.live(), shares.get("HUMAN"), 0.03, shares::toString);
        assertEquals(mix.machine(), shares.get("MACHINE"), 0.03, shares::toString);
        assertEquals(mix.noAnswer(), shares.get("NO_ANSWER"), 0.03, shares::toString);
        assertEquals(mix.busy(), shares.get("BUSY"), 0.02, shares::toString);
        assertEquals(mix.invalid(), shares.get("NUMBER_NOT_IN_SERVICE"), 0.02, shares::toString);
    }

    @Test
    void amdVerdictsErrAtTheConfiguredRates() {
        Scenario scenario = Scenario.defaults().withSeed(5)
                .withMix(new Scenario.Mix(0.5, 0.5, 0.0, 0.0, 0.0))
                .withAmd(new Scenario.Amd(true, 0.1, 0.2, null));
        int n = 4000;
        CallRecorder recorder = new CallRecorder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "amd-" + i;
            ids.add(id);
            carrier.originate(call(id, number(String.valueOf(1000 + i)), 600, true, frozen(1e6), scenario), recorder);
        }
        recorder.awaitAllEnded(ids, WAIT);
        // nobody takes the calls, so each far end hangs up by itself and the cause says who it was
        int persons = 0;
        int personsJudgedMachine = 0;
        int machines = 0;
        int machinesJudgedHuman = 0;
        for (String id : ids) {
            AnswerKind verdict = answered(recorder, id).kind();
            if (recorder.awaitEnded(id, WAIT).cause().startsWith("answering machine")) {
                machines++;
                machinesJudgedHuman += verdict == AnswerKind.HUMAN ? 1 : 0;
            } else {
                persons++;
                personsJudgedMachine += verdict == AnswerKind.MACHINE ? 1 : 0;
            }
        }
        assertEquals(0.5, persons / (double) n, 0.04);
        assertEquals(0.1, personsJudgedMachine / (double) persons, 0.03);
        assertEquals(0.2, machinesJudgedHuman / (double) machines, 0.03);
    }

    private static void assertBetween(Instant from, Instant to, Instant actual) {
        assertTrue(!actual.isBefore(from) && !actual.isAfter(to), () -> actual + " not in [" + from + ", " + to + "]");
    }
}

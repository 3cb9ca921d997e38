package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.platform.ScaledClock;
import io.dialer.telephony.CallEvent.HangupBy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated far end of agentless calls (greeting, survey, comment) and of recorded bridged calls. */
class SimulatedIvrTest {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final IvrScript.Survey SURVEY = new IvrScript.Survey("How likely are you to recommend us? Press 1 to 10.",
            1, 10, 2, "Sorry, please press a number from 1 to 10.", "Please leave a comment after the tone.", 20);

    @TempDir
    Path dir;
    private RecordingStore store;
    private SimulatedCarrier carrier;

    @BeforeEach
    void carrier() {
        store = new RecordingStore(dir);
        carrier = new SimulatedCarrier(store);
    }

    @AfterEach
    void close() {
        carrier.close();
    }

    private static Clock fast() {
        return new ScaledClock(Clock.systemUTC(), T, T, 200);
    }

    private static CallRequest call(String id, String lastFour, boolean record) {
        return new CallRequest(id, "default", "campaign-1", "+1202555" + lastFour, null, null, 25, false, fast(), null,
                null, record);
    }

    /** Places the call and runs the script on answer; returns the call's events. */
    private List<CallEvent> ivr(String id, String lastFour, IvrScript script) {
        CallRecorder recorder = new CallRecorder(e -> {
            if (e instanceof CallEvent.Answered) {
                carrier.runIvr(e.callId(), script);
            }
        });
        carrier.originate(call(id, lastFour, false), recorder);
        recorder.awaitEnded(id, WAIT);
        return recorder.events(id);
    }

    private static List<Class<?>> kinds(List<CallEvent> events) {
        return events.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void theScriptedSurveyTakerAnswersSevenAndLeavesAComment() throws Exception {
        List<CallEvent> events = ivr("c10", "0010", new IvrScript("Hello Ada, this is Acme.", SURVEY));
        assertEquals(List.of(CallEvent.Ringing.class, CallEvent.Answered.class, CallEvent.SurveyAnswered.class,
                CallEvent.Ended.class), kinds(events));
        CallEvent.SurveyAnswered survey = (CallEvent.SurveyAnswered) events.get(2);
        assertEquals(7, survey.answer());
        assertEquals("c10-comment", survey.commentRecording());
        Wav.Pcm comment = Wav.read(store.path("c10-comment"));
        assertEquals(8000, comment.sampleRate());
        assertTrue(comment.seconds() > 0 && comment.seconds() <= SimulatedCarrier.MAX_RECORDING_SECONDS, "short: " + comment.seconds());
        assertTrue(comment.rms() > 100, "not silence");
        CallEvent.Ended ended = (CallEvent.Ended) events.get(3);
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        assertFalse(survey.at().isAfter(ended.at()));
    }

    @Test
    void withoutACommentPromptNoCommentIsRecorded() {
        IvrScript.Survey noComment = new IvrScript.Survey("Press 1 to 10.", 1, 10, 2, null, null, 20);
        List<CallEvent> events = ivr("c10b", "0010", new IvrScript("Hello.", noComment));
        CallEvent.SurveyAnswered survey = (CallEvent.SurveyAnswered) events.get(2);
        assertEquals(7, survey.answer());
        assertNull(survey.commentRecording());
        assertTrue(Files.notExists(store.path("c10b-comment")));
    }

    @Test
    void aPersonWhoHangsUpDuringTheQuestionGivesNoAnswer() {
        List<CallEvent> events = ivr("c11", "0011", new IvrScript("Hello Ada, this is Acme.", SURVEY));
        assertEquals(List.of(CallEvent.Ringing.class, CallEvent.Answered.class, CallEvent.SurveyAnswered.class,
                CallEvent.Ended.class), kinds(events));
        assertNull(((CallEvent.SurveyAnswered) events.get(2)).answer());
        assertEquals(HangupBy.CUSTOMER, ((CallEvent.Ended) events.get(3)).hangupBy());
    }

    @Test
    void anInvalidKeyIsAskedAgainWhenTheSurveyAllowsIt() {
        assertEquals(3, ((CallEvent.SurveyAnswered) ivr("c12", "0012", new IvrScript("Hello.", SURVEY)).get(2)).answer());
        IvrScript.Survey once = new IvrScript.Survey("Press 1 to 10.", 1, 10, 1, null, null, 20);
        List<CallEvent> events = ivr("c12b", "0012", new IvrScript("Hello.", once));
        assertNull(((CallEvent.SurveyAnswered) events.get(2)).answer());
        assertEquals(HangupBy.DIALER, ((CallEvent.Ended) events.get(3)).hangupBy());
    }

    @Test
    void aGreetingOnlyCallPlaysTheGreetingAndHangsUp() {
        List<CallEvent> events = ivr("c1", "0001", new IvrScript("Hello Ada, your parcel arrives tomorrow.", null));
        assertEquals(List.of(CallEvent.Ringing.class, CallEvent.Answered.class, CallEvent.Ended.class), kinds(events));
        CallEvent.Ended ended = (CallEvent.Ended) events.get(2);
        assertEquals(HangupBy.DIALER, ended.hangupBy());
        assertEquals("greeting played", ended.cause());
    }

    @Test
    void answersAreDeterministicAndBetweenOneAndTen() {
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> second = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add("p" + i);
        }
        for (Map<String, Integer> answers : List.of(first, second)) {
            Map<String, Integer> got = new ConcurrentHashMap<>();
            CallRecorder recorder = new CallRecorder(e -> {
                if (e instanceof CallEvent.Answered) {
                    carrier.runIvr(e.callId(), new IvrScript("Hello.", SURVEY));
                } else if (e instanceof CallEvent.SurveyAnswered s) {
                    got.put(s.callId(), s.answer() == null ? 0 : s.answer());
                }
            });
            for (String id : ids) {
                // 0001 answers every call; what follows the greeting comes from the call's own draw
                carrier.originate(call(id + "-" + (answers == first ? "a" : "b"), "0001", false), recorder);
            }
            recorder.awaitAllEnded(ids.stream().map(id -> id + "-" + (answers == first ? "a" : "b")).toList(), WAIT);
            got.forEach((id, a) -> answers.put(id, a));
        }
        // a few hang up during the greeting, before any survey: they send no SurveyAnswered
        assertTrue(first.size() >= 20 && first.size() <= 30, "most got to the survey: " + first);
        assertTrue(first.values().stream().allMatch(a -> a >= 0 && a <= 10));
        assertTrue(first.values().stream().anyMatch(a -> a == 0) || first.values().stream().distinct().count() > 3,
                "answers vary: " + first);
        SimulatedCarrier again = new SimulatedCarrier(store);
        try {
            CallRecorder recorder = new CallRecorder(e -> {
                if (e instanceof CallEvent.Answered) {
                    again.runIvr(e.callId(), new IvrScript("Hello.", SURVEY));
                }
            });
            again.originate(call("p3-a", "0001", false), recorder);
            recorder.awaitEnded("p3-a", WAIT);
            List<CallEvent.SurveyAnswered> s = recorder.eventsOf("p3-a", CallEvent.SurveyAnswered.class);
            assertEquals(first.get("p3-a"), s.isEmpty() ? null : s.get(0).answer() == null ? 0 : s.get(0).answer(),
                    "the same call id gives the same survey");
        } finally {
            again.close();
        }
    }

    @Test
    void aRecordedBridgedCallLeavesAShortRecordingBeforeItEnds() throws Exception {
        Map<String, Boolean> presentAtEnd = new ConcurrentHashMap<>();
        CallRecorder recorder = new CallRecorder(e -> {
            if (e instanceof CallEvent.Answered) {
                carrier.bridge(e.callId(), "agent-1");
            }
        });
        CallListener listener = e -> {
            if (e instanceof CallEvent.Ended) {
                presentAtEnd.put(e.callId(), Files.isRegularFile(store.path(e.callId())));
            }
            recorder.on(e);
        };
        carrier.originate(call("r1", "0001", true), listener);
        carrier.originate(call("r2", "0001", false), listener);
        recorder.awaitAllEnded(List.of("r1", "r2"), WAIT);
        assertEquals(Map.of("r1", true, "r2", false), presentAtEnd);
        Wav.Pcm recording = Wav.read(store.path("r1"));
        assertTrue(recording.seconds() <= SimulatedCarrier.MAX_RECORDING_SECONDS && recording.seconds() >= 0.5);
        assertTrue(recording.rms() > 100);
    }
}

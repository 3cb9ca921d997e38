package io.dialer.telephony;

import io.dialer.engine.sim.Scenario;
import io.dialer.telephony.CallEvent.HangupBy;
import java.util.SplittableRandom;

/**
 * How a simulated far end goes through an agentless call ({@link TelephonyPort#runIvr}), decided when the greeting
 * starts, from a seed of the call's own (the scenario seed mixed with the call id, like its fate). Offsets are campaign
 * seconds after the greeting started.
 *
 * <p>A person answers at the first question (65 %), keys something invalid first and answers when asked again
 * (20 %; without a second try no valid answer comes), or hangs up before answering (15 %, somewhere between the middle
 * of the greeting and the end of the question). Answers are 1 to 10. Asked for a comment, 60 % leave one (a few
 * seconds, never longer than allowed) and the dialer hangs up after it; the others hang up at the prompt. A machine
 * keys nothing: it hears every try of the question, then the dialer hangs up.
 *
 * <p>Scripted numbers (last four digits): 0010 answers 7 at the first question and leaves a comment when asked (the
 * Asterisk test bed's SIPp at 0010 sends DTMF 7); 0011 hangs up while the question plays; 0012 keys an invalid answer,
 * then 3.
 *
 * @param surveyAfter  when the survey starts (the greeting is over); NaN for a call that never gets there
 * @param answer       the valid answer, or null
 * @param commentAfter when the comment recording starts; NaN for no comment
 * @param commentSeconds the comment's length
 * @param endAfter     when the call ends
 * @param hangupBy     who ends it
 * @param cause        the end's detail for the record
 */
record SimulatedSurvey(double surveyAfter, Integer answer, double answerAfter, double commentAfter,
                       double commentSeconds, double endAfter, HangupBy hangupBy, String cause) {

    /** Speech rate of the simulated voice prompts. */
    static final double WORDS_PER_SECOND = 2.6;
    static final String DEFAULT_RETRY_PROMPT = "Sorry, that is not a valid answer.";

    boolean surveyRan(double secondsSinceStart) {
        return !Double.isNaN(surveyAfter) && secondsSinceStart >= surveyAfter;
    }

    boolean answeredBy(double secondsSinceStart) {
        return answer != null && secondsSinceStart >= answerAfter;
    }

    boolean commented() {
        return !Double.isNaN(commentAfter);
    }

    static double speechSeconds(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return Math.max(1.5, text.strip().split("\\s+").length / WORDS_PER_SECOND);
    }

    /** A greeting-only call: the message plays, then the dialer hangs up. */
    static SimulatedSurvey greetingOnly(IvrScript script) {
        double greeting = speechSeconds(script.greeting());
        return new SimulatedSurvey(Double.NaN, null, Double.NaN, Double.NaN, 0, greeting, HangupBy.DIALER, "greeting played");
    }

    static SimulatedSurvey of(CallRequest request, CallScript.Party party, IvrScript script) {
        IvrScript.Survey survey = script.survey();
        if (survey == null) {
            return greetingOnly(script);
        }
        Scenario scenario = request.simulation() == null ? Scenario.defaults() : request.simulation().withDefaults();
        SplittableRandom random = new SplittableRandom(CallScript.fateSeed(scenario.seed() ^ 0x1B873593L, request.callId()));
        String number = request.number();
        String suffix = number.length() >= 4 ? number.substring(number.length() - 4) : "";
        double greeting = speechSeconds(script.greeting());
        double question = speechSeconds(survey.question());
        double retry = speechSeconds(survey.retryPrompt() == null ? DEFAULT_RETRY_PROMPT : survey.retryPrompt());
        int tries = Math.max(1, survey.attempts());
        double keyDelay = 1 + random.nextDouble() * 3;
        if (party != CallScript.Party.PERSON) {
            // nobody keys anything: each try waits for input (5 s) after the question
            double end = greeting + tries * (question + 5) + (tries - 1) * retry;
            return new SimulatedSurvey(greeting, null, Double.NaN, Double.NaN, 0, end, HangupBy.DIALER,
                    "survey: no answer after " + tries + (tries == 1 ? " try" : " tries"));
        }
        double draw = random.nextDouble();
        int drawnAnswer = 1 + random.nextInt(10);
        double hangAt = greeting * 0.5 + random.nextDouble() * (greeting * 0.5 + question);
        boolean leavesComment = random.nextDouble() < 0.6;
        double commentLength = Math.min(survey.commentSeconds(), 2 + random.nextDouble() * 8);
        String behaviour;
        int answer = drawnAnswer;
        switch (suffix) {
            case "0010" -> {
                behaviour = "valid";
                answer = 7;
                leavesComment = true;
            }
            case "0011" -> {
                behaviour = "hangs-up";
                hangAt = greeting + question * 0.5;
            }
            case "0012" -> {
                behaviour = "invalid-first";
                answer = 3;
                leavesComment = true;
            }
            default -> behaviour = draw < 0.15 ? "hangs-up" : draw < 0.35 ? "invalid-first" : "valid";
        }
        if (behaviour.equals("hangs-up")) {
            return new SimulatedSurvey(greeting, null, Double.NaN, Double.NaN, 0, hangAt, HangupBy.CUSTOMER,
                    hangAt < greeting ? "hung up during the greeting" : "hung up before answering the survey");
        }
        double answeredAfter;
        if (behaviour.equals("invalid-first")) {
            if (tries < 2) {
                double end = greeting + question + keyDelay;
                return new SimulatedSurvey(greeting, null, Double.NaN, Double.NaN, 0, end, HangupBy.DIALER,
                        "survey: invalid answer, no try left");
            }
            answeredAfter = greeting + question + keyDelay + retry + question + keyDelay;
        } else {
            answeredAfter = greeting + question + keyDelay;
        }
        if (survey.commentPrompt() == null) {
            return new SimulatedSurvey(greeting, answer, answeredAfter, Double.NaN, 0, answeredAfter, HangupBy.DIALER,
                    "survey answered");
        }
        double prompt = speechSeconds(survey.commentPrompt()) + 0.5;
        if (!leavesComment) {
            return new SimulatedSurvey(greeting, answer, answeredAfter, Double.NaN, 0, answeredAfter + prompt,
                    HangupBy.CUSTOMER, "survey answered; hung up at the comment prompt");
        }
        double commentAt = answeredAfter + prompt;
        return new SimulatedSurvey(greeting, answer, answeredAfter, commentAt, commentLength, commentAt + commentLength,
                HangupBy.DIALER, "survey answered with a comment");
    }
}

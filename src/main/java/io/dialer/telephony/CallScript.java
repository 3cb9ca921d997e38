package io.dialer.telephony;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.sim.GeneratedLeads;
import io.dialer.engine.sim.LeadFate;
import io.dialer.engine.sim.Scenario;

/**
 * The far end of one simulated call, fixed when the call is placed: who (if anyone) answers and when, or how the network
 * refuses it. Offsets are campaign seconds after the call was placed; NaN where they do not apply.
 *
 * @param party         who answers; NOBODY for a call that is never answered
 * @param ringingAfter  when the network reports ringing (NaN: it never rings)
 * @param answeredAfter when {@link CallEvent.Answered} is sent (after the AMD decision when detection is on)
 * @param verdict       the kind reported with Answered
 * @param endedAfter    for an unanswered call, when the network ends it
 * @param networkResult for an unanswered call, what the network said
 * @param cause         for an unanswered call, the SIP / Q.850 detail
 * @param giveUpAfter   how long after Answered the far end hangs up if nobody takes the call
 * @param talkSeconds   the conversation length once bridged to an agent
 */
record CallScript(Party party, double ringingAfter, double answeredAfter, AnswerKind verdict, double endedAfter,
                  ResultCode networkResult, String cause, double giveUpAfter, double talkSeconds) {

    enum Party { NOBODY, PERSON, MACHINE, FAX }

    static final double RINGING_AFTER = 0.5;
    static final double SCRIPTED_PERSON_ANSWERS = 3;
    static final double SCRIPTED_PERSON_MIN_PATIENCE = 30;
    static final double SCRIPTED_MACHINE_ANSWERS = 5;
    static final double SCRIPTED_FAX_ANSWERS = 4;
    /** A machine nobody talks to records silence for this long, then hangs up. */
    static final double MACHINE_GIVES_UP = 30;
    /** A fax machine that hears no fax tone hangs up after this long. */
    static final double FAX_GIVES_UP = 5;

    boolean answers() {
        return party != Party.NOBODY;
    }

    static CallScript of(CallRequest request) {
        Scenario scenario = request.simulation() == null ? Scenario.defaults() : request.simulation().withDefaults();
        LeadFate fate = new GeneratedLeads(scenario, fateSeed(scenario.seed(), request.callId())).get(0);
        double ringTimeout = request.ringTimeoutSeconds();
        String number = request.number();
        String suffix = number.length() >= 4 ? number.substring(number.length() - 4) : "";
        return switch (suffix) {
            case "0001" -> answered(Party.PERSON, SCRIPTED_PERSON_ANSWERS, true, fate, scenario, request);
            // survey-takers of agentless calls, like 0001 until the survey (see SimulatedSurvey)
            case "0010", "0011", "0012" -> answered(Party.PERSON, SCRIPTED_PERSON_ANSWERS, true, fate, scenario, request);
            case "0002" -> busy(Math.min(ringTimeout, fate.busySeconds()));
            case "0003" -> noAnswer(ringTimeout);
            case "0004" -> answered(Party.MACHINE, SCRIPTED_MACHINE_ANSWERS, true, fate, scenario, request);
            case "0005" -> answered(Party.FAX, SCRIPTED_FAX_ANSWERS, true, fate, scenario, request);
            case "0006" -> notInService(Math.min(ringTimeout, fate.invalidSeconds()));
            case "0007" -> refused(true, Math.min(ringTimeout, fate.busySeconds()), ResultCode.REJECTED,
                    "SIP 603 / Q.850 21");
            case "0008" -> refused(false, Math.min(ringTimeout, fate.invalidSeconds()), ResultCode.CONGESTION,
                    "SIP 503 / Q.850 34");
            case "0009" -> refused(false, Math.min(ringTimeout, fate.invalidSeconds()), ResultCode.NO_RINGBACK,
                    "SIP 480 / Q.850 18");
            default -> switch (fate.outcome(scenario.mix(), 1.0)) {
                case LIVE -> answered(Party.PERSON, fate.liveAnswerSeconds(), false, fate, scenario, request);
                case MACHINE -> answered(Party.MACHINE, fate.machineAnswerSeconds(), false, fate, scenario, request);
                case NO_ANSWER -> noAnswer(ringTimeout);
                case BUSY -> busy(Math.min(ringTimeout, fate.busySeconds()));
                case INVALID -> notInService(Math.min(ringTimeout, fate.invalidSeconds()));
            };
        };
    }

    private static CallScript answered(Party party, double answerAfter, boolean scripted, LeadFate fate,
                                       Scenario scenario, CallRequest request) {
        if (answerAfter > request.ringTimeoutSeconds()) {
            return noAnswer(request.ringTimeoutSeconds());
        }
        AnswerKind verdict;
        double sentAfter = answerAfter;
        if (party == Party.FAX) {
            verdict = AnswerKind.FAX;
        } else if (!request.amd()) {
            verdict = AnswerKind.UNCLASSIFIED;
        } else {
            sentAfter += fate.amdDecisionSeconds();
            verdict = judgedMachine(party, scripted, fate, scenario.amd()) ? AnswerKind.MACHINE : AnswerKind.HUMAN;
        }
        double giveUp = switch (party) {
            case PERSON -> scripted ? Math.max(SCRIPTED_PERSON_MIN_PATIENCE, fate.patienceSeconds())
                    : fate.patienceSeconds();
            case MACHINE -> MACHINE_GIVES_UP;
            default -> FAX_GIVES_UP;
        };
        return new CallScript(party, Math.min(RINGING_AFTER, answerAfter), sentAfter, verdict, Double.NaN, null, null,
                giveUp, fate.talkSeconds());
    }

    /** The same rule as the pacing simulator; scripted numbers are always judged right. */
    private static boolean judgedMachine(Party party, boolean scripted, LeadFate fate, Scenario.Amd amd) {
        if (scripted) {
            return party == Party.MACHINE;
        }
        return party == Party.PERSON ? fate.amdDraw() < amd.falsePositive() : fate.amdDraw() >= amd.falseNegative();
    }

    private static CallScript noAnswer(double ringTimeout) {
        return refused(true, ringTimeout, ResultCode.NO_ANSWER, "SIP 487 / Q.850 19 (ring timeout)");
    }

    private static CallScript busy(double after) {
        return refused(true, after, ResultCode.BUSY, "SIP 486 / Q.850 17");
    }

    private static CallScript notInService(double after) {
        return refused(false, after, ResultCode.NUMBER_NOT_IN_SERVICE, "SIP 404 / Q.850 20");
    }

    private static CallScript refused(boolean rings, double after, ResultCode result, String cause) {
        return new CallScript(Party.NOBODY, rings ? Math.min(RINGING_AFTER, after) : Double.NaN, Double.NaN, null,
                after, result, cause, Double.NaN, Double.NaN);
    }

    /** Mixes the scenario seed with the call id (FNV-1a, then a 64-bit finaliser) so each call draws its own fate. */
    static long fateSeed(long seed, String callId) {
        long h = 0xCBF29CE484222325L ^ seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < callId.length(); i++) {
            h = (h ^ callId.charAt(i)) * 0x100000001B3L;
        }
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}

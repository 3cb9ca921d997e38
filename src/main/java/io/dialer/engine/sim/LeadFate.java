package io.dialer.engine.sim;

/**
 * Everything that will happen if this lead is dialled, drawn from the seed before any algorithm runs (common random
 * numbers). The outcome itself is fixed by {@code outcomeDraw} at dial time, so a time-varying live rate still gives
 * every algorithm the same fate for the same lead at the same moment.
 *
 * @param index                position in the list (dialled in this order)
 * @param phoneNumber          the number, for lock-outs
 * @param outcomeDraw          uniform in [0,1) mapped through the (time-dependent) outcome mix
 * @param liveAnswerSeconds    time for a person to answer
 * @param machineAnswerSeconds time for a machine to answer
 * @param busySeconds          line hold of a busy outcome
 * @param invalidSeconds       line hold of an invalid-number outcome
 * @param talkSeconds          conversation length once connected
 * @param wrapSeconds          agent's after-call work
 * @param patienceSeconds      how long the person bears silence before hanging up
 * @param amdDraw              uniform in [0,1) deciding the AMD verdict (false positive / false negative)
 * @param amdDecisionSeconds   time AMD takes after answer
 */
public record LeadFate(
        long index,
        long phoneNumber,
        double outcomeDraw,
        double liveAnswerSeconds,
        double machineAnswerSeconds,
        double busySeconds,
        double invalidSeconds,
        double talkSeconds,
        double wrapSeconds,
        double patienceSeconds,
        double amdDraw,
        double amdDecisionSeconds) {

    /** The outcome if dialled when the live rate is multiplied by {@code liveMultiplier}; other shares scale to fit. */
    public Outcome outcome(Scenario.Mix mix, double liveMultiplier) {
        double sum = mix.live() + mix.machine() + mix.noAnswer() + mix.busy() + mix.invalid();
        double live = mix.live() / sum;
        double adjustedLive = Math.min(0.999, live * liveMultiplier);
        double others = live < 1 ? (1 - adjustedLive) / ((1 - live) * sum) : 0;
        double u = outcomeDraw;
        if (u < adjustedLive) {
            return Outcome.LIVE;
        }
        u -= adjustedLive;
        double machine = mix.machine() * others;
        if (u < machine) {
            return Outcome.MACHINE;
        }
        u -= machine;
        double noAnswer = mix.noAnswer() * others;
        if (u < noAnswer) {
            return Outcome.NO_ANSWER;
        }
        u -= noAnswer;
        return u < mix.busy() * others ? Outcome.BUSY : Outcome.INVALID;
    }
}

package io.dialer.engine.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless lead list drawn lazily from the seed. Every lead consumes the same number of draws whatever its outcome, so
 * lead i is identical for every algorithm however far each one gets into the list.
 */
public final class GeneratedLeads implements LeadList {

    private static final long STREAM = 0x9E3779B97F4A7C15L;

    private final Scenario scenario;
    private final SplittableRandom random;
    private final List<LeadFate> drawn = new ArrayList<>();
    private final double talkSigma;
    private final double talkMu;
    private final double wrapSigma;
    private final double wrapMu;

    public GeneratedLeads(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.random = new SplittableRandom(seed ^ STREAM);
        Scenario.TalkTime talk = scenario.talkSeconds();
        talkSigma = Math.sqrt(Math.log(1 + talk.cv() * talk.cv()));
        talkMu = Math.log(talk.mean()) - talkSigma * talkSigma / 2;
        Scenario.MeanCv wrap = scenario.wrapSeconds();
        wrapSigma = Math.sqrt(Math.log(1 + wrap.cv() * wrap.cv()));
        wrapMu = Math.log(Math.max(1e-9, wrap.mean())) - wrapSigma * wrapSigma / 2;
    }

    @Override
    public LeadFate get(long index) {
        while (drawn.size() <= index) {
            drawn.add(draw(drawn.size()));
        }
        return drawn.get((int) index);
    }

    private LeadFate draw(long index) {
        double outcome = random.nextDouble();
        double live = logNormal(scenario.timeToAnswerSeconds());
        double machine = logNormal(scenario.machineAnswerSeconds());
        double busy = 1 + 3 * random.nextDouble();
        double invalid = 1 + 2 * random.nextDouble();
        double shortDraw = random.nextDouble();
        double shortTalk = scenario.talkSeconds().shortMedian() * Math.exp(0.5 * random.nextGaussian());
        double longTalk = Math.exp(talkMu + talkSigma * random.nextGaussian());
        double talk = shortDraw < scenario.talkSeconds().shortShare() ? shortTalk : longTalk;
        double wrapDraw = random.nextGaussian();
        double wrap = scenario.wrapSeconds().mean() > 0 ? Math.exp(wrapMu + wrapSigma * wrapDraw) : 0;
        double patience = logNormal(scenario.patienceSeconds());
        double amd = random.nextDouble();
        List<Double> decision = scenario.amd().decisionSeconds();
        double amdDecision = decision.get(0) + (decision.get(1) - decision.get(0)) * random.nextDouble();
        return new LeadFate(index, 1_000_000L + index, outcome, live, machine, busy, invalid, talk, wrap, patience, amd,
                amdDecision);
    }

    private double logNormal(Scenario.LogNormal spec) {
        return spec.median() * Math.exp(spec.sigma() * random.nextGaussian());
    }
}

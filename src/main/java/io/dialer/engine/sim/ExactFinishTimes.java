package io.dialer.engine.sim;

import io.dialer.engine.pacing.AgentState;
import io.dialer.engine.pacing.AgentView;
import io.dialer.engine.pacing.FinishTimeForecast;
import java.util.Arrays;

/** SEMI_ORACLE's feed: each agent's exact remaining talk and wrap time, straight from the simulator. */
final class ExactFinishTimes implements FinishTimeForecast {

    private final Simulation simulation;

    ExactFinishTimes(Simulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public void freeWithin(AgentView agent, double[] out) {
        if (agent.state() == AgentState.PAUSED) {
            Arrays.fill(out, 0);
            return;
        }
        double remaining = simulation.agentFreeAt(agent.agentId()) - simulation.now();
        for (int y = 0; y < out.length; y++) {
            out[y] = remaining <= y ? 1 : 0;
        }
    }

    @Override
    public boolean exact() {
        return true;
    }
}

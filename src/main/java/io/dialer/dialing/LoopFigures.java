package io.dialer.dialing;

import io.dialer.agent.AgentState;
import io.dialer.campaign.CampaignSettings;
import io.dialer.engine.pacing.AbandonLedger;
import io.dialer.engine.pacing.AgentView;
import io.dialer.engine.pacing.CallInFlight;
import io.dialer.engine.pacing.PacingSnapshot;
import io.dialer.engine.pacing.WaitingCall;
import io.dialer.engine.result.AbandonEstimate;
import io.dialer.engine.result.AbandonmentLedger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one campaign's loop knows about itself, in the two shapes others read: the pacer's snapshot and the live
 * figures of the stats and metrics. Also keeps the agent-time totals behind the utilization figure. Loop thread only.
 */
final class LoopFigures {

    private double talkingAgentSeconds;
    private double activeAgentSeconds;

    /** Adds a pass's elapsed time to every active agent (ready, reserved, talking or wrapping), and to those talking. */
    void account(Collection<Seat> seats, double elapsedSeconds) {
        for (Seat s : seats) {
            if (s.away || s.state == AgentState.LOGGED_OUT || s.state == AgentState.PAUSED) {
                continue;
            }
            activeAgentSeconds += elapsedSeconds;
            if (s.state == AgentState.ON_CALL) {
                talkingAgentSeconds += elapsedSeconds;
            }
        }
    }

    /** The pacer's view: agents by pacing state, lines ringing or held by the dialer, people waiting, the ledger. */
    static PacingSnapshot snapshot(double clockSeconds, Instant now, Collection<Seat> seats, Collection<LiveCall> calls,
                                   CampaignSettings settings, AbandonmentLedger ledger) {
        List<AgentView> agents = new ArrayList<>();
        for (Seat s : seats) {
            if (s.away || s.state == AgentState.LOGGED_OUT) {
                continue;
            }
            agents.add(new AgentView(s.index, pacingState(s.state), seconds(s.since, now)));
        }
        List<CallInFlight> inFlight = new ArrayList<>();
        List<WaitingCall> waiting = new ArrayList<>();
        for (LiveCall c : calls) {
            if (c.phase == LiveCall.Phase.RINGING || c.phase == LiveCall.Phase.HANDLED_BY_DIALER
                    || c.phase == LiveCall.Phase.ABANDONING) {
                // a machine or fax being hung up, or a message playing, still holds its line
                inFlight.add(new CallInFlight(seconds(c.placedAt, now)));
            } else if (c.phase == LiveCall.Phase.WAITING) {
                waiting.add(new WaitingCall(seconds(c.waitingSince, now)));
            }
        }
        AbandonEstimate estimate = ledger.definition().estimate(ledger.countsAt(now));
        return new PacingSnapshot(clockSeconds, agents, inFlight, waiting, settings.dialing().maxLinesPerAgent(),
                settings.dialing().ringTimeoutSeconds(), settings.compliance().connectTimeoutSeconds(),
                new AbandonLedger(estimate.liveAnswers(), estimate.abandoned()), settings.compliance().maxAbandonRate());
    }

    /** Lines, dial level, utilization, abandon rate against its cap, and agents by state. */
    DialingMetrics.LiveFigures live(Collection<Seat> seats, Collection<LiveCall> calls, double abandonRate, double abandonCap) {
        int active = 0;
        Map<AgentState, Integer> agents = new EnumMap<>(AgentState.class);
        for (Seat s : seats) {
            if (s.away) {
                continue;
            }
            agents.merge(s.state, 1, Integer::sum);
            if (s.state != AgentState.LOGGED_OUT && s.state != AgentState.PAUSED) {
                active++;
            }
        }
        long lines = calls.stream().filter(c -> c.phase != LiveCall.Phase.OFFERED).count();
        return new DialingMetrics.LiveFigures(lines, active == 0 ? 0.0 : (double) lines / active,
                activeAgentSeconds == 0 ? 0.0 : talkingAgentSeconds / activeAgentSeconds, abandonRate, abandonCap, agents);
    }

    private static io.dialer.engine.pacing.AgentState pacingState(AgentState state) {
        switch (state) {
            case READY:
            case RESERVED:
                return io.dialer.engine.pacing.AgentState.READY;
            case ON_CALL:
                return io.dialer.engine.pacing.AgentState.TALKING;
            case WRAP_UP:
                return io.dialer.engine.pacing.AgentState.WRAP;
            default:
                return io.dialer.engine.pacing.AgentState.PAUSED;
        }
    }

    static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }
}

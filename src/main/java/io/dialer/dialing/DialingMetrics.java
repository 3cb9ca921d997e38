package io.dialer.dialing;

import io.dialer.agent.AgentState;
import io.dialer.engine.result.AbandonmentRole;
import io.dialer.engine.result.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * The live loop's Prometheus metrics, tagged by campaign. Campaign tags exist only for campaigns whose loop runs on
 * this replica: a loop's gauges go when it ends, its counters {@code dialer.metrics.ended-campaign-retention} later
 * (so that the last increments are scraped). Figures are per replica; a campaign's loop runs on one replica at a time.
 */
@ApplicationScoped
public class DialingMetrics {

    /** What a loop shows between two updates (about once a second). */
    record LiveFigures(long linesInFlight, double dialLevel, double utilization, double abandonRate, double abandonCap,
                       Map<AgentState, Integer> agents) {

        static final LiveFigures NONE = new LiveFigures(0, 0, 0, 0, 0, Map.of());
    }

    /** One campaign's meters on this replica. */
    final class CampaignMeters {
        private final String campaign;
        private final Map<ResultCode, Counter> attempts = new EnumMap<>(ResultCode.class);
        private final Counter liveAnswers;
        private final Counter abandons;
        private final List<Meter> gauges = new ArrayList<>();
        private volatile LiveFigures figures = LiveFigures.NONE;
        private int loops;
        private long endedAtNanos;

        private CampaignMeters(String campaign) {
            this.campaign = campaign;
            this.liveAnswers = Counter.builder("dialer.live.answers").tag("campaign", campaign)
                    .description("Attempts a person answered (connected, hung up before connect, or abandoned)")
                    .register(registry);
            this.abandons = Counter.builder("dialer.abandons").tag("campaign", campaign)
                    .description("Answered calls dropped for want of an agent (safe-harbour message played)")
                    .register(registry);
        }

        /** Called by the loop's own thread with its current figures. */
        void update(LiveFigures live) {
            figures = live;
        }

        private void addGauges() {
            gauge("dialer.lines.in.flight", "Calls placed and not yet ended (agents' offers excluded)",
                    m -> m.figures.linesInFlight(), Tags.empty());
            gauge("dialer.dial.level", "Lines in flight per active agent", m -> m.figures.dialLevel(), Tags.empty());
            gauge("dialer.agent.utilization", "Share of active agent time spent talking since the loop started",
                    m -> m.figures.utilization(), Tags.empty());
            gauge("dialer.abandon.rate", "Abandon rate under the campaign's definition (US or UK window)",
                    m -> m.figures.abandonRate(), Tags.empty());
            gauge("dialer.abandon.rate.cap", "The campaign's maximum abandon rate", m -> m.figures.abandonCap(),
                    Tags.empty());
            for (AgentState state : AgentState.values()) {
                gauge("dialer.agents", "Agents of the campaign by state",
                        m -> m.figures.agents().getOrDefault(state, 0), Tags.of("state", state.name()));
            }
        }

        private void gauge(String name, String description, ToDoubleFunction<CampaignMeters> value, Tags tags) {
            gauges.add(Gauge.builder(name, this, value).description(description).tag("campaign", campaign).tags(tags)
                    .strongReference(true).register(registry));
        }

        private void removeGauges() {
            gauges.forEach(registry::remove);
            gauges.clear();
            figures = LiveFigures.NONE;
        }

        private void removeCounters() {
            attempts.values().forEach(registry::remove);
            registry.remove(liveAnswers);
            registry.remove(abandons);
        }

        private void count(ResultCode result) {
            attempts.computeIfAbsent(result, r -> Counter.builder("dialer.attempts").tag("campaign", campaign)
                    .tag("result", r.name()).description("Ended attempts by technical result").register(registry))
                    .increment();
            AbandonmentRole role = result.ledgerRole();
            if (role == AbandonmentRole.LIVE_ANSWER || role == AbandonmentRole.ABANDONED_LIVE) {
                liveAnswers.increment();
            }
            if (role == AbandonmentRole.ABANDONED_LIVE) {
                abandons.increment();
            }
        }
    }

    private final MeterRegistry registry;
    private final Duration retention;
    private final Map<String, CampaignMeters> campaigns = new HashMap<>();

    DialingMetrics(MeterRegistry registry,
                   @ConfigProperty(name = "dialer.metrics.ended-campaign-retention", defaultValue = "PT5M") Duration retention) {
        this.registry = registry;
        this.retention = retention;
    }

    /** A loop starts: the campaign's gauges appear. Pair with {@link #close}. */
    synchronized CampaignMeters open(UUID campaignId) {
        CampaignMeters m = campaigns.computeIfAbsent(campaignId.toString(), CampaignMeters::new);
        if (m.loops++ == 0) {
            m.addGauges();
        }
        return m;
    }

    /** A loop ended: its gauges go now, its counters after the retention time unless a loop opens them again. */
    synchronized void close(CampaignMeters m) {
        if (--m.loops == 0) {
            m.removeGauges();
            m.endedAtNanos = System.nanoTime();
        }
    }

    /** Attempts whose results were just committed, each counted once. */
    synchronized void attemptsEnded(UUID campaignId, List<AttemptEnd> ends) {
        if (ends.isEmpty()) {
            return;
        }
        CampaignMeters m = campaigns.computeIfAbsent(campaignId.toString(), CampaignMeters::new);
        if (m.loops == 0) {
            m.endedAtNanos = System.nanoTime();
        }
        ends.forEach(e -> m.count(e.result()));
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void forgetEndedCampaigns() {
        long now = System.nanoTime();
        campaigns.values().removeIf(m -> {
            boolean forget = m.loops == 0 && now - m.endedAtNanos >= retention.toNanos();
            if (forget) {
                m.removeCounters();
            }
            return forget;
        });
    }
}

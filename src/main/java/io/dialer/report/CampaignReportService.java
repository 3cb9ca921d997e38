package io.dialer.report;

import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignService;
import io.dialer.campaign.CampaignSettings.OutcomeDefinition;
import io.dialer.dialing.DialingService;
import io.dialer.engine.result.AbandonDefinition;
import io.dialer.engine.result.AbandonEstimate;
import io.dialer.engine.result.LedgerCounts;
import io.dialer.engine.result.ResultCode;
import io.dialer.outcome.BuiltInOutcomes;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.report.CampaignReport.AgentFigures;
import io.dialer.report.CampaignReport.Breakdown;
import io.dialer.report.CampaignReport.Bucket;
import io.dialer.report.CampaignReport.Figures;
import io.dialer.report.CampaignReportRepository.Range;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/** Builds a campaign's report from its attempts, outcomes and agent time. */
@ApplicationScoped
public class CampaignReportService {

    static final int MAX_BUCKETS = 2000;
    private static final String[] REACHED = Arrays.stream(ResultCode.values()).filter(ResultCode::reached)
            .map(Enum::name).toArray(String[]::new);

    private final CampaignService campaigns;
    private final DialingService dialing;
    private final CampaignReportRepository repository;

    CampaignReportService(CampaignService campaigns, DialingService dialing, CampaignReportRepository repository) {
        this.campaigns = campaigns;
        this.dialing = dialing;
        this.repository = repository;
    }

    /** What the query asked for, checked: every bad parameter is reported at once. */
    record Query(Instant from, Instant to, ChronoUnit unit, ZoneId zone) {

        static Query parse(String from, String to, String bucket, String timezone) {
            List<FieldError> errors = new ArrayList<>();
            Instant f = instant("from", from, errors);
            Instant t = instant("to", to, errors);
            ChronoUnit unit = null;
            if (bucket == null || bucket.equals("hour")) {
                unit = ChronoUnit.HOURS;
            } else if (bucket.equals("day")) {
                unit = ChronoUnit.DAYS;
            } else {
                errors.add(new FieldError("bucket", "invalid_value", "must be hour or day"));
            }
            ZoneId zone = ZoneId.of("UTC");
            if (timezone != null) {
                try {
                    zone = ZoneId.of(timezone);
                } catch (DateTimeException e) {
                    errors.add(new FieldError("timezone", "invalid_value", "must be an IANA time zone such as Europe/Berlin"));
                }
            }
            if (f != null && t != null && !f.isBefore(t)) {
                errors.add(new FieldError("to", "invalid_range", "must be after from"));
            }
            if (!errors.isEmpty()) {
                throw ApiProblem.validation(errors);
            }
            return new Query(f, t, unit, zone);
        }

        private static Instant instant(String field, String value, List<FieldError> errors) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, "invalid_format", "must be an ISO-8601 instant such as 2026-06-01T12:00:00Z"));
                return null;
            }
        }
    }

    public CampaignReport report(String tenant, String campaignId, Query query) {
        Campaign campaign = campaigns.get(tenant, campaignId);
        AbandonDefinition definition = DialingService.abandonDefinition(campaign);
        List<Instant> starts = bucketStarts(tenant, campaign, query);
        Instant from = starts.get(0);
        Instant to = starts.remove(starts.size() - 1);
        Range range = new Range(tenant, campaign.id(), from, to, query.unit() == ChronoUnit.DAYS ? "day" : "hour",
                query.zone().getId());

        NavigableMap<Instant, Tally> buckets = new TreeMap<>();
        starts.forEach(s -> buckets.put(s, new Tally()));
        repository.results(range).forEach(r -> tally(buckets, r.bucket()).results.merge(r.result(), r.count(), Long::sum));
        repository.contactsReached(range, REACHED).forEach(r -> tally(buckets, r.bucket()).reached += r.count());
        repository.contactsCompleted(range).forEach(r -> tally(buckets, r.bucket()).completed += r.count());
        List<OutcomeDefinition> outcomes = campaign.settings().outcomes();
        repository.outcomes(range).forEach(r -> tally(buckets, r.bucket()).outcome(r.code(), r.category(), r.count(),
                rightParty(outcomes, r.code())));
        repository.activity(range).forEach(r -> tally(buckets, r.bucket()).time(r.ready(), r.talk(), r.wrap()));

        Tally total = new Tally();
        List<Bucket> series = new ArrayList<>();
        for (Map.Entry<Instant, Tally> e : buckets.entrySet()) {
            series.add(new Bucket(e.getKey(), e.getValue().figures(definition)));
            total.add(e.getValue());
        }
        total.reached = repository.totalContactsReached(range, REACHED);
        return new CampaignReport(campaign.id().toString(), campaign.name(), from, to, range.unit(), range.zone(),
                campaign.settings().compliance().maxAbandonRate(), campaign.settings().compliance().abandonWindow(),
                total.figures(definition), series, agents(range), breakdown(repository.byNumberType(range), definition),
                breakdown(repository.byTrunk(range), definition));
    }

    /** Bucket starts from the first to the last bucket, then the end of the range. */
    private List<Instant> bucketStarts(String tenant, Campaign campaign, Query query) {
        Instant from = query.from();
        Instant to = query.to();
        if (from == null || to == null) {
            CampaignReportRepository.Span span = repository.span(tenant, campaign.id()).orElse(null);
            Instant now = dialing.campaignNow(campaign.id());
            if (from == null) {
                from = span != null ? span.first() : to != null ? to.minus(1, query.unit()) : now;
            }
            if (to == null) {
                to = span != null && span.last().isAfter(from) ? span.last().plusMillis(1) : from.plusMillis(1);
            }
        }
        ZonedDateTime start = truncate(from, query);
        List<Instant> starts = new ArrayList<>();
        for (ZonedDateTime b = start; b.toInstant().isBefore(to); b = next(b, query)) {
            starts.add(b.toInstant());
            if (starts.size() > MAX_BUCKETS) {
                throw ApiProblem.validation(List.of(new FieldError("from", "too_many_buckets", "the range holds more than "
                        + MAX_BUCKETS + " buckets; narrow it or use bucket=day")));
            }
        }
        starts.add(query.to() != null ? to : next(truncate(to.minusMillis(1), query), query).toInstant());
        return starts;
    }

    private static ZonedDateTime truncate(Instant at, Query query) {
        LocalDateTime local = LocalDateTime.ofInstant(at, query.zone()).truncatedTo(query.unit());
        return ZonedDateTime.of(local, query.zone());
    }

    private static ZonedDateTime next(ZonedDateTime bucket, Query query) {
        return ZonedDateTime.of(bucket.toLocalDateTime().plus(1, query.unit()), query.zone());
    }

    private static Tally tally(NavigableMap<Instant, Tally> buckets, Instant bucket) {
        return buckets.computeIfAbsent(bucket, b -> new Tally());
    }

    private static boolean rightParty(List<OutcomeDefinition> outcomes, String code) {
        return BuiltInOutcomes.find(outcomes, code).map(d -> Boolean.TRUE.equals(d.rightPartyContact())).orElse(false);
    }

    private List<AgentFigures> agents(Range range) {
        Map<UUID, AgentTally> byAgent = new LinkedHashMap<>();
        for (CampaignReportRepository.AgentCallRow r : repository.agentCalls(range)) {
            AgentTally a = byAgent.computeIfAbsent(r.agentId(), id -> new AgentTally(r.name()));
            a.calls = r.calls();
        }
        for (CampaignReportRepository.AgentActivityRow r : repository.agentActivity(range)) {
            AgentTally a = byAgent.computeIfAbsent(r.agentId(), id -> new AgentTally(r.name()));
            a.ready = r.ready();
            a.talk = r.talk();
            a.wrap = r.wrap();
        }
        for (CampaignReportRepository.AgentOutcomeRow r : repository.agentOutcomes(range)) {
            byAgent.computeIfAbsent(r.agentId(), id -> new AgentTally(null)).outcomes.merge(r.code(), r.count(), Long::sum);
        }
        List<AgentFigures> agents = new ArrayList<>();
        byAgent.forEach((id, a) -> {
            double loggedIn = a.ready + a.talk + a.wrap;
            agents.add(new AgentFigures(id.toString(), a.name, a.calls, a.talk, a.wrap, loggedIn,
                    loggedIn > 0 ? (a.talk + a.wrap) / loggedIn : null, a.outcomes));
        });
        agents.sort(Comparator.comparing(AgentFigures::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(AgentFigures::agentId));
        return agents;
    }

    private static List<Breakdown> breakdown(List<CampaignReportRepository.KeyResultRow> rows, AbandonDefinition definition) {
        Map<String, Map<String, Long>> byKey = new TreeMap<>();
        rows.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new TreeMap<>()).merge(r.result(), r.count(), Long::sum));
        List<Breakdown> out = new ArrayList<>();
        byKey.forEach((key, results) -> {
            long attempts = results.values().stream().mapToLong(Long::longValue).sum();
            long reached = results.entrySet().stream().filter(e -> ResultCode.valueOf(e.getKey()).reached())
                    .mapToLong(Map.Entry::getValue).sum();
            out.add(new Breakdown(key, attempts, definition.estimate(ledger(results)).liveAnswers(), reached, results));
        });
        return out;
    }

    private static LedgerCounts ledger(Map<String, Long> results) {
        LedgerCounts counts = LedgerCounts.ZERO;
        for (Map.Entry<String, Long> e : results.entrySet()) {
            counts = counts.plus(ResultCode.valueOf(e.getKey()).ledgerRole(), e.getValue());
        }
        return counts;
    }

    /** Counts of one bucket while the report is assembled. */
    private static final class Tally {
        final Map<String, Long> results = new TreeMap<>();
        final Map<String, Long> outcomes = new TreeMap<>();
        long reached;
        long completed;
        long success;
        long failure;
        long neutral;
        long rightParty;
        double ready;
        double talk;
        double wrap;

        void outcome(String code, String category, long n, boolean rightPartyContact) {
            outcomes.merge(code, n, Long::sum);
            if ("SUCCESS".equals(category)) {
                success += n;
            } else if ("FAILURE".equals(category)) {
                failure += n;
            } else {
                neutral += n;
            }
            if (rightPartyContact) {
                rightParty += n;
            }
        }

        void time(double ready, double talk, double wrap) {
            this.ready += ready;
            this.talk += talk;
            this.wrap += wrap;
        }

        void add(Tally o) {
            o.results.forEach((k, v) -> results.merge(k, v, Long::sum));
            o.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
            reached += o.reached;
            completed += o.completed;
            success += o.success;
            failure += o.failure;
            neutral += o.neutral;
            rightParty += o.rightParty;
            time(o.ready, o.talk, o.wrap);
        }

        Figures figures(AbandonDefinition definition) {
            AbandonEstimate abandon = definition.estimate(ledger(results));
            double loggedIn = ready + talk + wrap;
            return new Figures(results.values().stream().mapToLong(Long::longValue).sum(), results, abandon.liveAnswers(),
                    abandon.abandoned(), abandon.rate(), reached, completed, loggedIn > 0 ? (talk + wrap) / loggedIn : null,
                    talk, wrap, loggedIn, new CampaignReport.Outcomes(success, failure, neutral, rightParty, outcomes));
        }
    }

    private static final class AgentTally {
        final String name;
        final Map<String, Long> outcomes = new TreeMap<>();
        long calls;
        double ready;
        double talk;
        double wrap;

        AgentTally(String name) {
            this.name = name;
        }
    }
}

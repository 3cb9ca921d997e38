package io.dialer.report;

import io.dialer.report.CampaignReport.Bucket;
import io.dialer.report.CampaignReport.Figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** A report's series as a CSV table: one row per bucket, one column per figure and per result code seen. */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(CampaignReport report) {
        TreeSet<String> codes = new TreeSet<>();
        report.series().forEach(b -> codes.addAll(b.figures().attemptsByResult().keySet()));
        List<String> header = new ArrayList<>(List.of("bucket_start", "attempts", "live_answers", "abandoned", "abandon_rate",
                "contacts_reached", "contacts_completed", "agent_utilization", "talk_seconds", "wrap_seconds",
                "logged_in_seconds", "outcomes_success", "outcomes_failure", "outcomes_neutral", "right_party_contacts"));
        codes.forEach(c -> header.add("result_" + c));
        StringBuilder out = new StringBuilder(String.join(",", header)).append("\r\n");
        for (Bucket b : report.series()) {
            Figures f = b.figures();
            List<String> row = new ArrayList<>(List.of(b.start().toString(), Long.toString(f.attempts()), number(f.liveAnswers()),
                    number(f.abandoned()), number(f.abandonRate()), Long.toString(f.contactsReached()),
                    Long.toString(f.contactsCompleted()), f.agentUtilization() == null ? "" : number(f.agentUtilization()),
                    number(f.talkSeconds()), number(f.wrapSeconds()), number(f.loggedInSeconds()),
                    Long.toString(f.outcomes().success()), Long.toString(f.outcomes().failure()),
                    Long.toString(f.outcomes().neutral()), Long.toString(f.outcomes().rightPartyContacts())));
            codes.forEach(c -> row.add(Long.toString(f.attemptsByResult().getOrDefault(c, 0L))));
            out.append(String.join(",", row)).append("\r\n");
        }
        return out.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}

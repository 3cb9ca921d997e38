package io.dialer.campaign;

import io.dialer.campaign.CampaignSettings.Compliance;
import io.dialer.campaign.CampaignSettings.Dialing;
import io.dialer.campaign.CampaignSettings.Retries;
import io.dialer.campaign.CampaignSettings.Schedule;
import io.dialer.campaign.CampaignSettings.Window;

import java.util.List;
import java.util.Map;

/** Fills what a client left out with the documented defaults, so stored campaigns are always complete. */
final class CampaignDefaults {

    static final String MODE = "PROGRESSIVE";
    static final String TIMEZONE = "UTC";
    static final List<Window> WINDOWS = List.of(
            new Window(List.of("MON", "TUE", "WED", "THU", "FRI"), "09:00", "20:00"),
            new Window(List.of("SAT"), "10:00", "18:00"));
    static final String REGION = "US";
    static final int RING_TIMEOUT = 25;
    static final int LINES_PER_AGENT = 3;
    static final List<String> NUMBER_ORDER = List.of("MOBILE", "HOME", "WORK", "OTHER");
    static final int ATTEMPTS_PER_CONTACT = 6;
    static final int ATTEMPTS_PER_NUMBER = 3;
    static final int ATTEMPTS_PER_DAY = 3;
    static final int MIN_GAP = 3600;
    static final double MAX_ABANDON = 0.03;
    static final String ABANDON_WINDOW = "P30D";
    static final int CONNECT_TIMEOUT = 2;
    static final int PREVIEW_TIMEOUT = 30;
    static final int WRAP_UP_TIMEOUT = 120;
    static final int MAX_CONCURRENT_CALLS = 10;
    static final String MACHINE_ACTION = "HANGUP";
    static final String RETRY_PROMPT = "Sorry, that is not a valid answer.";
    static final int SURVEY_ATTEMPTS = 2;
    static final int COMMENT_SECONDS = 20;
    static final int RETENTION_DAYS = 30;

    private CampaignDefaults() {
    }

    static CampaignSettings apply(CampaignSettings s) {
        Schedule sc = s.schedule() == null ? new Schedule(null, null, null, null, null) : s.schedule();
        Dialing d = s.dialing() == null ? new Dialing(null, null, null, null, null, null, null, null, null, null) : s.dialing();
        Retries r = s.retries() == null ? new Retries(null, null, null, null, null) : s.retries();
        Compliance c = s.compliance() == null ? new Compliance(null, null, null, null) : s.compliance();
        return new CampaignSettings(
                or(s.mode(), MODE),
                new Schedule(or(sc.timezone(), TIMEZONE), or(sc.windows(), WINDOWS), or(sc.holidays(), List.of()),
                        sc.startAt(), sc.endAt()),
                new Dialing(or(d.defaultRegion(), REGION), or(d.ringTimeoutSeconds(), RING_TIMEOUT),
                        or(d.maxLinesPerAgent(), LINES_PER_AGENT), d.callerId(), or(d.numberOrder(), NUMBER_ORDER),
                        or(d.trunkRules(), List.of()), or(d.previewTimeoutSeconds(), PREVIEW_TIMEOUT),
                        or(d.wrapUpTimeoutSeconds(), WRAP_UP_TIMEOUT), or(d.maxConcurrentCalls(), MAX_CONCURRENT_CALLS),
                        amd(d.amd())),
                new Retries(or(r.maxAttemptsPerContact(), ATTEMPTS_PER_CONTACT),
                        or(r.maxAttemptsPerNumber(), ATTEMPTS_PER_NUMBER), or(r.maxAttemptsPerDay(), ATTEMPTS_PER_DAY),
                        or(r.minGapSeconds(), MIN_GAP), or(r.rules(), Map.of())),
                new Compliance(or(c.maxAbandonRate(), MAX_ABANDON), or(c.abandonWindow(), ABANDON_WINDOW),
                        or(c.connectTimeoutSeconds(), CONNECT_TIMEOUT), c.safeHarbourMessage()),
                or(s.outcomes(), List.of()),
                s.simulation(),
                fallback(s.fallback()),
                ivr(s.ivr()),
                recording(s.recording()));
    }

    /** No fallback unless asked for; when asked for, exhausted contacts trigger it unless onExhausted is false. */
    private static CampaignSettings.Fallback fallback(CampaignSettings.Fallback f) {
        if (f == null) {
            return null;
        }
        return new CampaignSettings.Fallback(or(f.onExhausted(), true), or(f.resultCodes(), List.of()), f.email(), f.sms());
    }

    private static CampaignSettings.Ivr ivr(CampaignSettings.Ivr ivr) {
        if (ivr == null || ivr.survey() == null) {
            return ivr;
        }
        CampaignSettings.IvrSurvey s = ivr.survey();
        return new CampaignSettings.Ivr(ivr.greeting(), new CampaignSettings.IvrSurvey(s.question(),
                or(s.retryPrompt(), RETRY_PROMPT), or(s.attempts(), SURVEY_ATTEMPTS), s.commentPrompt(),
                or(s.commentSeconds(), COMMENT_SECONDS)));
    }

    /** Recording is off unless asked for; recordings (and survey comments) are kept 30 days. */
    static CampaignSettings.Recording recording(CampaignSettings.Recording r) {
        CampaignSettings.Recording given = r == null ? new CampaignSettings.Recording(null, null) : r;
        return new CampaignSettings.Recording(or(given.enabled(), false), or(given.retentionDays(), RETENTION_DAYS));
    }

    private static CampaignSettings.Amd amd(CampaignSettings.Amd a) {
        CampaignSettings.Amd given = a == null ? new CampaignSettings.Amd(null, null, null, null) : a;
        return new CampaignSettings.Amd(or(given.enabled(), false), or(given.machineAction(), MACHINE_ACTION), given.message(),
                given.tuning());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

package io.dialer.campaign;

import io.dialer.campaign.CampaignSettings.Compliance;
import io.dialer.campaign.CampaignSettings.Dialing;
import io.dialer.campaign.CampaignSettings.Fallback;
import io.dialer.campaign.CampaignSettings.FallbackEmail;
import io.dialer.campaign.CampaignSettings.FallbackSms;
import io.dialer.campaign.CampaignSettings.OutcomeDefinition;
import io.dialer.campaign.CampaignSettings.Retries;
import io.dialer.campaign.CampaignSettings.RetryRule;
import io.dialer.campaign.CampaignSettings.Schedule;
import io.dialer.campaign.CampaignSettings.TrunkRule;
import io.dialer.campaign.CampaignSettings.Window;
import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.engine.result.ResultCode;
import io.dialer.platform.FieldError;
import io.dialer.platform.TextTemplate;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a whole campaign request and reports every bad field, not just the first one. */
public final class CampaignValidator {

    static final Set<String> MACHINE_ACTIONS = Set.of("HANGUP", "LEAVE_MESSAGE");
    static final Set<String> MODES = Set.of("PREVIEW", "PROGRESSIVE", "PREDICTIVE", "AGENTLESS");
    public static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    public static final Set<String> PHONE_TYPES = Set.of("MOBILE", "HOME", "WORK", "OTHER");
    static final Set<String> NUMBER_TYPES = Set.of("MOBILE", "FIXED_LINE", "FIXED_LINE_OR_MOBILE", "TOLL_FREE",
            "PREMIUM_RATE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER", "UAN", "VOICEMAIL", "UNKNOWN");
    static final Set<String> ABANDON_WINDOWS = Set.of("P30D", "PT24H");
    static final Set<String> OUTCOME_CATEGORIES = Set.of("SUCCESS", "FAILURE", "NEUTRAL");
    static final Set<String> BUILT_IN_OUTCOMES = Set.of("WRONG_NUMBER", "WRONG_PERSON", "CALLBACK_REQUESTED", "DO_NOT_CALL",
            "SURVEY_COMPLETED");

    /** Deliberately loose: one @, no spaces or list separators; the mail server has the last word. */
    public static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+");

    private final List<FieldError> errors = new ArrayList<>();

    private CampaignValidator() {
    }

    public static List<FieldError> validate(CampaignRequest request) {
        CampaignValidator v = new CampaignValidator();
        v.check(request);
        return v.errors;
    }

    private void check(CampaignRequest r) {
        if (r.externalId() != null && (r.externalId().isBlank() || r.externalId().length() > 200)) {
            add("externalId", "invalid_value", "must be 1 to 200 characters: the CRM's own id of the campaign");
        }
        if (r.name() == null || r.name().isBlank()) {
            add("name", "required", "is required");
        } else if (r.name().length() > 200) {
            add("name", "too_long", "must be at most 200 characters");
        }
        if (r.description() != null && r.description().length() > 2000) {
            add("description", "too_long", "must be at most 2000 characters");
        }
        if (r.mode() != null && !MODES.contains(r.mode())) {
            add("mode", "invalid_value", "must be one of " + sorted(MODES));
        }
        schedule(r.schedule());
        dialing(r.dialing());
        simulation(r.simulation());
        retries(r.retries());
        compliance(r.compliance());
        outcomes(r.outcomes());
        fallback(r.fallback());
        String mode = r.mode() == null ? CampaignDefaults.MODE : r.mode();
        ivr(r.ivr(), mode);
        recording(r.recording(), mode);
    }

    private void ivr(CampaignSettings.Ivr ivr, String mode) {
        if (ivr == null) {
            return;
        }
        if (!"AGENTLESS".equals(mode)) {
            add("ivr", "not_applicable", "applies to AGENTLESS campaigns only (this one is " + mode + ")");
        }
        template("ivr.greeting", ivr.greeting(), 2000);
        CampaignSettings.IvrSurvey s = ivr.survey();
        if (s == null) {
            return;
        }
        template("ivr.survey.question", s.question(), 1000);
        optionalTemplate("ivr.survey.retryPrompt", s.retryPrompt(), 1000);
        optionalTemplate("ivr.survey.commentPrompt", s.commentPrompt(), 1000);
        range("ivr.survey.attempts", s.attempts(), 1, 5);
        range("ivr.survey.commentSeconds", s.commentSeconds(), 1, 120);
    }

    private void recording(CampaignSettings.Recording r, String mode) {
        if (r == null) {
            return;
        }
        if (Boolean.TRUE.equals(r.enabled()) && "AGENTLESS".equals(mode)) {
            add("recording.enabled", "not_applicable", "records conversations with agents, which AGENTLESS campaigns "
                    + "do not have (their survey comments are always kept for retentionDays)");
        }
        range("recording.retentionDays", r.retentionDays(), 1, 3650);
    }

    private void optionalTemplate(String field, String value, int max) {
        if (value != null) {
            template(field, value, max);
        }
    }

    private void schedule(Schedule s) {
        if (s == null) {
            return;
        }
        if (s.timezone() != null && !validZone(s.timezone())) {
            add("schedule.timezone", "invalid_timezone", "must be an IANA time zone such as America/Chicago");
        }
        errors.addAll(windowErrors("schedule.windows", s.windows()));
        if (s.holidays() != null) {
            for (int i = 0; i < s.holidays().size(); i++) {
                try {
                    LocalDate.parse(String.valueOf(s.holidays().get(i)));
                } catch (DateTimeParseException e) {
                    add("schedule.holidays[" + i + "]", "invalid_date", "must be a date like 2026-12-25");
                }
            }
        }
        if (s.startAt() != null && s.endAt() != null && !s.endAt().isAfter(s.startAt())) {
            add("schedule.endAt", "before_start", "must be after startAt");
        }
    }

    /** Shared with contact validation: a contact's preferred windows have the same shape. */
    public static List<FieldError> windowErrors(String path, List<Window> windows) {
        List<FieldError> out = new ArrayList<>();
        if (windows == null) {
            return out;
        }
        if (windows.size() > 50) {
            out.add(new FieldError(path, "too_many", "at most 50 windows"));
            return out;
        }
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            String p = path + "[" + i + "]";
            if (w == null) {
                out.add(new FieldError(p, "required", "must be an object"));
                continue;
            }
            if (w.days() == null || w.days().isEmpty()) {
                out.add(new FieldError(p + ".days", "required", "needs at least one day (MON..SUN)"));
            } else {
                for (int d = 0; d < w.days().size(); d++) {
                    if (!DAYS.contains(w.days().get(d))) {
                        out.add(new FieldError(p + ".days[" + d + "]", "invalid_value", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN"));
                    }
                }
            }
            LocalTime from = time(p + ".from", w.from(), out);
            LocalTime to = time(p + ".to", w.to(), out);
            if (from != null && to != null && !to.isAfter(from) && !"24:00".equals(w.to())) {
                out.add(new FieldError(p + ".to", "before_from", "must be after 'from' (windows do not cross midnight)"));
            }
        }
        return out;
    }

    private static LocalTime time(String path, String value, List<FieldError> out) {
        if (value == null) {
            out.add(new FieldError(path, "required", "is required (HH:mm)"));
            return null;
        }
        if ("24:00".equals(value)) {
            return LocalTime.MAX;
        }
        try {
            if (!value.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("format", value, 0);
            }
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            out.add(new FieldError(path, "invalid_time", "must be a local time HH:mm such as 09:00"));
            return null;
        }
    }

    private void simulation(com.fasterxml.jackson.databind.node.ObjectNode simulation) {
        try {
            SimulationProfile.of(simulation);
        } catch (IllegalArgumentException e) {
            add("simulation", "invalid_value", e.getMessage());
        }
    }

    private void dialing(Dialing d) {
        if (d == null) {
            return;
        }
        if (d.defaultRegion() != null && !PhoneNormalizer.shared().isSupportedRegion(d.defaultRegion())) {
            add("dialing.defaultRegion", "invalid_region", "must be an ISO 3166 country code such as US or GB");
        }
        if (d.ringTimeoutSeconds() != null && (d.ringTimeoutSeconds() < 15 || d.ringTimeoutSeconds() > 120)) {
            add("dialing.ringTimeoutSeconds", "out_of_range", "must be between 15 and 120 seconds");
        }
        if (d.maxLinesPerAgent() != null && (d.maxLinesPerAgent() < 1 || d.maxLinesPerAgent() > 10)) {
            add("dialing.maxLinesPerAgent", "out_of_range", "must be between 1 and 10");
        }
        if (d.callerId() != null && !d.callerId().matches("\\+?[0-9]{3,15}")) {
            add("dialing.callerId", "invalid_number", "must be a phone number in E.164 form such as +13125550100");
        }
        if (d.numberOrder() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < d.numberOrder().size(); i++) {
                String t = d.numberOrder().get(i);
                if (!PHONE_TYPES.contains(t)) {
                    add("dialing.numberOrder[" + i + "]", "invalid_value", "must be one of " + sorted(PHONE_TYPES));
                } else if (!seen.add(t)) {
                    add("dialing.numberOrder[" + i + "]", "duplicate", "is listed twice");
                }
            }
        }
        range("dialing.previewTimeoutSeconds", d.previewTimeoutSeconds(), 5, 600);
        range("dialing.wrapUpTimeoutSeconds", d.wrapUpTimeoutSeconds(), 0, 3600);
        range("dialing.maxConcurrentCalls", d.maxConcurrentCalls(), 1, 10_000);
        if (d.amd() != null && d.amd().machineAction() != null && !MACHINE_ACTIONS.contains(d.amd().machineAction())) {
            add("dialing.amd.machineAction", "invalid_value", "must be one of " + sorted(MACHINE_ACTIONS));
        }
        if (d.amd() != null && d.amd().tuning() != null) {
            d.amd().tuning().values().forEach((field, value) -> {
                int[] range = io.dialer.telephony.AmdTuning.RANGES.get(field);
                range("dialing.amd.tuning." + field, value, range[0], range[1]);
            });
        }
        if (d.amd() != null && "LEAVE_MESSAGE".equals(d.amd().machineAction())
                && (d.amd().message() == null || d.amd().message().isBlank())) {
            add("dialing.amd.message", "required", "is required when machineAction is LEAVE_MESSAGE");
        }
        if (d.trunkRules() != null) {
            for (int i = 0; i < d.trunkRules().size(); i++) {
                TrunkRule t = d.trunkRules().get(i);
                String p = "dialing.trunkRules[" + i + "]";
                if (t == null || t.trunk() == null || t.trunk().isBlank()) {
                    add(p + ".trunk", "required", "is required");
                }
                if (t != null && t.numberType() != null && !NUMBER_TYPES.contains(t.numberType())) {
                    add(p + ".numberType", "invalid_value", "must be one of " + sorted(NUMBER_TYPES));
                }
                if (t != null && t.prefix() != null && !t.prefix().matches("\\+?[0-9]{1,15}")) {
                    add(p + ".prefix", "invalid_value", "must be digits, optionally starting with +");
                }
            }
        }
    }

    private void retries(Retries r) {
        if (r == null) {
            return;
        }
        range("retries.maxAttemptsPerContact", r.maxAttemptsPerContact(), 1, 100);
        range("retries.maxAttemptsPerNumber", r.maxAttemptsPerNumber(), 1, 100);
        range("retries.maxAttemptsPerDay", r.maxAttemptsPerDay(), 1, 100);
        range("retries.minGapSeconds", r.minGapSeconds(), 0, 30 * 86400);
        if (r.rules() != null) {
            for (Map.Entry<String, RetryRule> e : r.rules().entrySet()) {
                String p = "retries.rules." + e.getKey();
                if (!ResultCode.isKnown(e.getKey())) {
                    add(p, "unknown_result_code", "is not a result code (see GET /v1/result-codes)");
                }
                RetryRule rule = e.getValue();
                if (rule == null) {
                    add(p, "required", "must be an object with delaySeconds and max");
                    continue;
                }
                range(p + ".delaySeconds", rule.delaySeconds(), 0, 90 * 86400);
                range(p + ".max", rule.max(), 0, 100);
            }
        }
    }

    private void compliance(Compliance c) {
        if (c == null) {
            return;
        }
        if (c.maxAbandonRate() != null && (c.maxAbandonRate() < 0 || c.maxAbandonRate() > 0.5 || c.maxAbandonRate().isNaN())) {
            add("compliance.maxAbandonRate", "out_of_range", "must be between 0 and 0.5 (0.03 is 3 %)");
        }
        if (c.abandonWindow() != null && !ABANDON_WINDOWS.contains(c.abandonWindow())) {
            add("compliance.abandonWindow", "invalid_value", "must be P30D (US) or PT24H (UK)");
        }
        range("compliance.connectTimeoutSeconds", c.connectTimeoutSeconds(), 1, 10);
        if (c.safeHarbourMessage() != null && c.safeHarbourMessage().length() > 1000) {
            add("compliance.safeHarbourMessage", "too_long", "must be at most 1000 characters");
        }
    }

    private void outcomes(List<OutcomeDefinition> outcomes) {
        if (outcomes == null) {
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            OutcomeDefinition o = outcomes.get(i);
            String p = "outcomes[" + i + "]";
            if (o == null) {
                add(p, "required", "must be an object");
                continue;
            }
            if (o.code() == null || !o.code().matches("[A-Z][A-Z0-9_]{0,63}")) {
                add(p + ".code", "invalid_value", "must be an upper-case code such as SALE (A-Z, 0-9, _)");
            } else if (!codes.add(o.code())) {
                add(p + ".code", "duplicate", "is defined twice");
            } else if (BUILT_IN_OUTCOMES.contains(o.code())) {
                add(p + ".code", "reserved", "is a built-in outcome and cannot be redefined");
            }
            if (o.category() != null && !OUTCOME_CATEGORIES.contains(o.category())) {
                add(p + ".category", "invalid_value", "must be one of " + sorted(OUTCOME_CATEGORIES));
            }
        }
    }

    private void fallback(Fallback f) {
        if (f == null) {
            return;
        }
        if (f.resultCodes() != null) {
            if (f.resultCodes().size() > ResultCode.values().length) {
                add("fallback.resultCodes", "too_many", "at most " + ResultCode.values().length + " codes");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < f.resultCodes().size(); i++) {
                String code = f.resultCodes().get(i);
                String p = "fallback.resultCodes[" + i + "]";
                if (code == null || !ResultCode.isKnown(code)) {
                    add(p, "unknown_result_code", "is not a result code (see GET /v1/result-codes)");
                } else if (!seen.add(code)) {
                    add(p, "duplicate", "is listed twice");
                }
            }
        }
        FallbackEmail email = f.email();
        if (email != null) {
            if (template("fallback.email.to", email.to(), 320)
                    && TextTemplate.names(email.to()).isEmpty() && !EMAIL.matcher(email.to().strip()).matches()) {
                add("fallback.email.to", "invalid_email", "must be an e-mail address or a template such as {{email}}");
            }
            if (template("fallback.email.subject", email.subject(), 300) && email.subject().matches("(?s).*[\\r\\n].*")) {
                add("fallback.email.subject", "invalid_value", "must be a single line");
            }
            template("fallback.email.body", email.body(), 20_000);
        }
        FallbackSms sms = f.sms();
        if (sms != null) {
            if (template("fallback.sms.to", sms.to(), 100)
                    && TextTemplate.names(sms.to()).isEmpty() && !sms.to().strip().matches("\\+[1-9][0-9]{6,14}")) {
                add("fallback.sms.to", "invalid_number", "must be an E.164 number or a template such as {{phone}}");
            }
            template("fallback.sms.body", sms.body(), 1600);
        }
    }

    /** A required, well-formed template of at most {@code max} characters; true when it is all of that. */
    private boolean template(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "required", "is required");
            return false;
        }
        if (value.length() > max) {
            add(field, "too_long", "must be at most " + max + " characters");
            return false;
        }
        if (!TextTemplate.isWellFormed(value)) {
            add(field, "invalid_template", "has a malformed placeholder; write {{name}} with a field or attribute name");
            return false;
        }
        return true;
    }

    private void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "out_of_range", "must be between " + min + " and " + max);
        }
    }

    private void add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    public static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return zone.contains("/") || zone.equals("UTC");
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}

package io.dialer.contact;

import io.dialer.campaign.CampaignSettings;
import io.dialer.engine.result.ResultCode;
import io.dialer.engine.schedule.Attempt;
import io.dialer.engine.schedule.Callback;
import io.dialer.engine.schedule.CallingSchedule;
import io.dialer.engine.schedule.CampaignScheduling;
import io.dialer.engine.schedule.ContactPhone;
import io.dialer.engine.schedule.ContactSchedulingFacts;
import io.dialer.engine.schedule.RetryPolicy;
import io.dialer.engine.schedule.RetryRule;
import io.dialer.engine.schedule.WeeklyWindow;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Translates a campaign's settings and a stored contact into the inputs of the pure scheduling core. */
public final class ContactScheduling {

    private ContactScheduling() {
    }

    public static CampaignScheduling campaign(CampaignSettings s) {
        CampaignSettings.Schedule sc = s.schedule();
        Set<LocalDate> holidays = new LinkedHashSet<>();
        sc.holidays().forEach(h -> holidays.add(LocalDate.parse(h)));
        CallingSchedule schedule = new CallingSchedule(ZoneId.of(sc.timezone()), windows(sc.windows()), holidays,
                CallingSchedule.DEFAULT_LEGAL_WINDOWS, sc.startAt(), sc.endAt());
        CampaignSettings.Retries r = s.retries();
        Map<ResultCode, RetryRule> rules = new EnumMap<>(ResultCode.class);
        r.rules().forEach((code, rule) -> rules.put(ResultCode.valueOf(code), RetryRule.of(rule.delaySeconds(), rule.max())));
        Duration lockout = "PT24H".equals(s.compliance().abandonWindow()) ? RetryPolicy.OFCOM_ABANDON_LOCKOUT : Duration.ZERO;
        RetryPolicy retries = new RetryPolicy(r.maxAttemptsPerContact(), r.maxAttemptsPerNumber(), r.maxAttemptsPerDay(),
                Duration.ofSeconds(r.minGapSeconds()), rules, lockout);
        return new CampaignScheduling(schedule, retries, s.dialing().numberOrder());
    }

    /** The contact as the scheduler sees it; an explicit time zone wins over the zones of its numbers. */
    static ContactSchedulingFacts contact(Contact c, List<CampaignSettings.Window> preferred, Set<String> dnc,
                                          Map<String, String> nonValid, List<Attempt> attempts) {
        ZoneId explicit = c.timezone() == null ? null : ZoneId.of(c.timezone());
        List<ContactPhone> phones = c.phones().stream()
                .map(p -> new ContactPhone(p.type(), p.timezones().stream().map(ZoneId::of).toList(),
                        dnc.contains(p.e164()), "INVALID".equals(nonValid.get(p.e164()))))
                .toList();
        return new ContactSchedulingFacts(explicit, phones, preferred == null ? List.of() : windows(preferred),
                c.dialAfter(), c.expiresAt(), c.priority(), callback(c.callback()), attempts);
    }

    private static Callback callback(PendingCallback p) {
        return p == null ? null : new Callback(p.at(), p.agentId(), p.phoneIndex(), p.anyTime());
    }

    private static List<WeeklyWindow> windows(List<CampaignSettings.Window> windows) {
        return windows.stream().map(w -> WeeklyWindow.of(w.days(), w.from(), w.to())).toList();
    }
}

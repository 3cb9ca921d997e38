package io.dialer.engine.schedule;

import io.dialer.engine.result.ResultCode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test-data builders: {@code aContact()...build()}, {@code aCampaign()...build()}. */
final class Fixtures {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneId UTC = ZoneId.of("UTC");

    static final List<WeeklyWindow> WEEKDAYS_9_TO_20 = List.of(
            WeeklyWindow.of(List.of("MON", "TUE", "WED", "THU", "FRI"), "09:00", "20:00"));

    static final Scheduler SCHEDULER = new Scheduler();

    private Fixtures() {
    }

    /** An instant given as a local date-time in a zone: {@code at("2026-03-09T10:00", NEW_YORK)}. */
    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static String local(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDateTime().toString();
    }

    static ContactBuilder aContact() {
        return new ContactBuilder();
    }

    static CampaignBuilder aCampaign() {
        return new CampaignBuilder();
    }

    static final class ContactBuilder {
        private ZoneId timezone;
        private final List<ContactPhone> phones = new ArrayList<>();
        private List<WeeklyWindow> preferred = List.of();
        private Instant dialAfter;
        private Instant expiresAt;
        private Callback callback;
        private final List<Attempt> attempts = new ArrayList<>();

        ContactBuilder inZone(ZoneId zone) {
            this.timezone = zone;
            return this;
        }

        ContactBuilder phone(String type, ZoneId... zones) {
            phones.add(ContactPhone.of(type, zones));
            return this;
        }

        ContactBuilder phone(ContactPhone phone) {
            phones.add(phone);
            return this;
        }

        ContactBuilder preferring(WeeklyWindow... windows) {
            this.preferred = List.of(windows);
            return this;
        }

        ContactBuilder dialAfter(Instant t) {
            this.dialAfter = t;
            return this;
        }

        ContactBuilder expiresAt(Instant t) {
            this.expiresAt = t;
            return this;
        }

        ContactBuilder callback(Callback cb) {
            this.callback = cb;
            return this;
        }

        ContactBuilder attempt(Instant at, int phone, ResultCode result) {
            attempts.add(Attempt.of(at, phone, result));
            return this;
        }

        ContactBuilder attempt(Attempt a) {
            attempts.add(a);
            return this;
        }

        ContactSchedulingFacts build() {
            if (phones.isEmpty()) {
                phones.add(ContactPhone.of("MOBILE"));
            }
            return new ContactSchedulingFacts(timezone, phones, preferred, dialAfter, expiresAt, 0, callback, attempts);
        }
    }

    static final class CampaignBuilder {
        private CallingSchedule schedule = CallingSchedule.of(UTC, WEEKDAYS_9_TO_20);
        /** Generous limits and no gap, so a test sees only the rule it is about. */
        private RetryPolicy retries = new RetryPolicy(100, 100, 100, Duration.ZERO, Map.of(), Duration.ZERO);
        private List<String> numberOrder = CampaignScheduling.DEFAULT_NUMBER_ORDER;
        private final Map<ResultCode, RetryRule> rules = new EnumMap<>(ResultCode.class);

        CampaignBuilder zone(ZoneId fallback) {
            schedule = new CallingSchedule(fallback, schedule.windows(), schedule.holidays(), schedule.legalWindows(),
                    schedule.startAt(), schedule.endAt());
            return this;
        }

        CampaignBuilder windows(WeeklyWindow... windows) {
            schedule = new CallingSchedule(schedule.fallbackZone(), List.of(windows), schedule.holidays(),
                    schedule.legalWindows(), schedule.startAt(), schedule.endAt());
            return this;
        }

        CampaignBuilder schedule(java.util.function.UnaryOperator<CallingSchedule> change) {
            schedule = change.apply(schedule);
            return this;
        }

        CampaignBuilder retries(java.util.function.UnaryOperator<RetryPolicy> change) {
            retries = change.apply(retries);
            return this;
        }

        CampaignBuilder rule(ResultCode code, Integer delaySeconds, Integer max) {
            rules.put(code, RetryRule.of(delaySeconds, max));
            return this;
        }

        CampaignBuilder numberOrder(String... types) {
            numberOrder = List.of(types);
            return this;
        }

        CampaignScheduling build() {
            return new CampaignScheduling(schedule, retries.withRules(rules), numberOrder);
        }
    }
}

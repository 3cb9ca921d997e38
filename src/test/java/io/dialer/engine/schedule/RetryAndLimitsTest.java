package io.dialer.engine.schedule;

import static io.dialer.engine.result.ResultCode.ABANDONED;
import static io.dialer.engine.result.ResultCode.ANSWERING_MACHINE;
import static io.dialer.engine.result.ResultCode.BUSY;
import static io.dialer.engine.result.ResultCode.CONNECTED;
import static io.dialer.engine.result.ResultCode.FAX;
import static io.dialer.engine.result.ResultCode.NETWORK_ERROR;
import static io.dialer.engine.result.ResultCode.NO_ANSWER;
import static io.dialer.engine.schedule.Fixtures.LOS_ANGELES;
import static io.dialer.engine.schedule.Fixtures.NEW_YORK;
import static io.dialer.engine.schedule.Fixtures.SCHEDULER;
import static io.dialer.engine.schedule.Fixtures.aCampaign;
import static io.dialer.engine.schedule.Fixtures.aContact;
import static io.dialer.engine.schedule.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.schedule.Decision.DialAt;
import io.dialer.engine.schedule.Decision.Never;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry delays and max per result code, attempt limits per contact, number and local day, the minimum gap. */
class RetryAndLimitsTest {

    private static final Instant MON_10 = at("2026-03-09T10:00", NEW_YORK);

    private static Instant nextAt(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now) {
        return assertInstanceOf(DialAt.class, SCHEDULER.next(contact, campaign, now)).at();
    }

    private static Never never(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now) {
        return assertInstanceOf(Never.class, SCHEDULER.next(contact, campaign, now));
    }

    private static ContactSchedulingFacts afterOne(ResultCode result) {
        return aContact().inZone(NEW_YORK).attempt(MON_10, 0, result).build();
    }

    @Test
    void each_result_code_has_its_default_delay() {
        CampaignScheduling campaign = aCampaign().build();
        Instant soon = MON_10.plusSeconds(60);

        assertEquals(MON_10.plus(Duration.ofMinutes(10)), nextAt(afterOne(BUSY), campaign, soon));
        assertEquals(MON_10.plus(Duration.ofHours(1)), nextAt(afterOne(NO_ANSWER), campaign, soon));
        assertEquals(MON_10.plus(Duration.ofHours(2)), nextAt(afterOne(ANSWERING_MACHINE), campaign, soon));
        assertEquals(MON_10.plus(Duration.ofMinutes(1)), nextAt(afterOne(NETWORK_ERROR), campaign, MON_10));
    }

    @Test
    void a_campaign_rule_overrides_the_default_delay() {
        CampaignScheduling campaign = aCampaign().rule(BUSY, 300, null).build();

        assertEquals(MON_10.plusSeconds(300), nextAt(afterOne(BUSY), campaign, MON_10.plusSeconds(1)));
        Dialability d = SCHEDULER.explain(afterOne(BUSY), campaign, true, MON_10.plusSeconds(1));
        assertEquals(List.of(new Reason(ReasonCode.RETRY_WAIT,
                "BUSY on phone 1 (MOBILE) at 2026-03-09T14:00:00Z; it is retried after 5 min", MON_10.plusSeconds(300))),
                d.reasons());
    }

    @Test
    void a_retry_that_falls_after_the_window_waits_for_the_next_one() {
        Instant evening = at("2026-03-09T19:30", NEW_YORK);
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).attempt(evening, 0, NO_ANSWER).build();
        CampaignScheduling campaign = aCampaign().build();

        assertEquals(at("2026-03-10T09:00", NEW_YORK), nextAt(contact, campaign, evening));
        List<Reason> reasons = SCHEDULER.explain(contact, campaign, true, evening).reasons();
        assertEquals(List.of(ReasonCode.RETRY_WAIT, ReasonCode.OUTSIDE_WINDOW), reasons.stream().map(Reason::code).toList());
        assertEquals(at("2026-03-09T20:30", NEW_YORK), reasons.get(0).until());
        assertEquals("outside the calling window until Tue 2026-03-10 09:00 America/New_York", reasons.get(1).message());
    }

    @Test
    void max_per_code_stops_retrying_a_number() {
        CampaignScheduling campaign = aCampaign().rule(BUSY, 60, 2).build();
        Fixtures.ContactBuilder contact = aContact().inZone(NEW_YORK)
                .attempt(MON_10, 0, BUSY)
                .attempt(MON_10.plusSeconds(600), 0, BUSY);
        Instant later = MON_10.plusSeconds(1200);
        assertEquals(later, nextAt(contact.build(), campaign, later));

        contact.attempt(later, 0, BUSY);
        Never never = never(contact.build(), campaign, later.plusSeconds(60));
        assertEquals(ReasonCode.ATTEMPTS_EXHAUSTED, never.code());
        assertEquals("phone 1 (MOBILE): BUSY 3 times, which is retried at most 2 times", never.reasons().get(0).message());
        assertEquals("EXHAUSTED", never.contactState());
    }

    @Test
    void a_code_with_max_zero_is_never_retried() {
        assertEquals("phone 1 (MOBILE): FAX once, which is not retried",
                never(afterOne(FAX), aCampaign().build(), MON_10.plusSeconds(60)).reasons().get(0).message());
        assertEquals(ReasonCode.ATTEMPTS_EXHAUSTED,
                never(afterOne(NO_ANSWER), aCampaign().rule(NO_ANSWER, null, 0).build(), MON_10).code());
    }

    @Test
    void system_errors_are_retried_quickly_and_do_not_count() {
        CampaignScheduling campaign = aCampaign()
                .retries(r -> r.withLimits(1, 1, 1).withMinGap(Duration.ofHours(1))).build();
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .attempt(MON_10, 0, NETWORK_ERROR)
                .attempt(MON_10.plusSeconds(60), 0, NETWORK_ERROR).build();

        assertEquals(MON_10.plusSeconds(120), nextAt(contact, campaign, MON_10.plusSeconds(61)));
    }

    @Test
    void the_attempt_limit_per_contact_ends_the_contact() {
        CampaignScheduling campaign = aCampaign().retries(r -> r.withLimits(2, 100, 100)).build();
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .attempt(MON_10, 0, NO_ANSWER)
                .attempt(MON_10.plusSeconds(3600), 0, NO_ANSWER).build();

        Never never = never(contact, campaign, MON_10.plusSeconds(7200));
        assertEquals(ReasonCode.ATTEMPTS_EXHAUSTED, never.code());
        assertEquals("all 2 attempts of the contact are used", never.reasons().get(0).message());
    }

    @Test
    void the_attempt_limit_per_number_moves_on_and_then_ends_the_contact() {
        CampaignScheduling campaign = aCampaign().retries(r -> r.withLimits(100, 1, 100)).build();
        Fixtures.ContactBuilder contact = aContact().inZone(NEW_YORK).phone("MOBILE").phone("HOME")
                .attempt(MON_10, 0, ANSWERING_MACHINE);
        // a machine on the mobile would keep us on the mobile, but its one attempt is used
        DialAt next = assertInstanceOf(DialAt.class, SCHEDULER.next(contact.build(), campaign, MON_10));
        assertEquals(1, next.phoneIndex());

        contact.attempt(MON_10.plusSeconds(60), 1, NO_ANSWER);
        Never never = never(contact.build(), campaign, MON_10.plusSeconds(120));
        assertEquals(ReasonCode.ATTEMPTS_EXHAUSTED, never.code());
        assertEquals(List.of("phone 1 (MOBILE) has had 1 of its 1 attempts", "phone 2 (HOME) has had 1 of its 1 attempts"),
                never.reasons().stream().map(Reason::message).toList());
    }

    @Test
    void the_daily_limit_counts_attempts_per_local_day_of_the_contact() {
        CampaignScheduling allDay = aCampaign().windows(WeeklyWindow.everyDay("00:00", "24:00"))
                .retries(r -> r.withLimits(100, 100, 2)).build();
        // 20:00 and 23:00 Monday in Los Angeles are already Tuesday in UTC
        ContactSchedulingFacts contact = aContact().inZone(LOS_ANGELES)
                .attempt(at("2026-03-09T20:00", LOS_ANGELES), 0, BUSY)
                .attempt(at("2026-03-09T23:00", LOS_ANGELES), 0, BUSY).build();
        Instant now = at("2026-03-09T23:30", LOS_ANGELES);

        assertEquals(at("2026-03-10T00:00", LOS_ANGELES), nextAt(contact, allDay, now));
        Reason reason = SCHEDULER.explain(contact, allDay, true, now).reasons().get(0);
        assertEquals(new Reason(ReasonCode.DAILY_LIMIT, "the 2 attempts allowed on 2026-03-09 (America/Los_Angeles) are used",
                at("2026-03-10T00:00", LOS_ANGELES)), reason);
    }

    @Test
    void the_daily_limit_then_waits_for_the_window_of_the_next_day() {
        CampaignScheduling campaign = aCampaign().retries(r -> r.withLimits(100, 100, 1)).build();
        ContactSchedulingFacts contact = afterOne(NO_ANSWER);
        Instant now = MON_10.plus(Duration.ofHours(2));

        assertEquals(at("2026-03-10T09:00", NEW_YORK), nextAt(contact, campaign, now));
        assertEquals(List.of(ReasonCode.DAILY_LIMIT, ReasonCode.OUTSIDE_WINDOW),
                SCHEDULER.explain(contact, campaign, true, now).reasons().stream().map(Reason::code).toList());
    }

    @Test
    void the_minimum_gap_applies_between_calls_on_any_number() {
        CampaignScheduling campaign = aCampaign().retries(r -> r.withMinGap(Duration.ofMinutes(90))).build();
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).phone("MOBILE").phone("HOME")
                .attempt(MON_10, 0, BUSY).build();
        Instant now = MON_10.plusSeconds(60);

        DialAt next = assertInstanceOf(DialAt.class, SCHEDULER.next(contact, campaign, now));
        assertEquals(1, next.phoneIndex());
        assertEquals(MON_10.plus(Duration.ofMinutes(90)), next.at());
        assertEquals("at least 1 h 30 min between two calls to the same person; the last was at 2026-03-09T14:00:00Z",
                SCHEDULER.explain(contact, campaign, true, now).reasons().get(0).message());
    }

    @Test
    void an_abandoned_call_locks_the_number_out_whatever_the_rule() {
        CampaignScheduling ofcom = aCampaign().rule(ABANDONED, 600, null)
                .retries(r -> r.withAbandonLockout(RetryPolicy.OFCOM_ABANDON_LOCKOUT)).build();

        assertEquals(at("2026-03-12T10:00", NEW_YORK), nextAt(afterOne(ABANDONED), ofcom, MON_10));
        assertEquals(MON_10.plusSeconds(600), nextAt(afterOne(ABANDONED), aCampaign().rule(ABANDONED, 600, null).build(),
                MON_10));
    }

    @Test
    void connected_completes_the_contact_unless_the_business_outcome_reopens_it() {
        CampaignScheduling campaign = aCampaign().build();
        Never done = never(afterOne(CONNECTED), campaign, MON_10.plusSeconds(600));
        assertEquals(ReasonCode.COMPLETED, done.code());
        assertEquals("COMPLETED", done.contactState());

        ContactSchedulingFacts reopened = aContact().inZone(NEW_YORK)
                .attempt(Attempt.of(MON_10, 0, CONNECTED).withOutcome(false)).build();
        assertEquals(MON_10.plus(Duration.ofDays(1)), nextAt(reopened, campaign, MON_10));

        ContactSchedulingFacts closedByOutcome = aContact().inZone(NEW_YORK)
                .attempt(Attempt.of(MON_10, 0, NO_ANSWER).withOutcome(true)).build();
        assertEquals(ReasonCode.COMPLETED, never(closedByOutcome, campaign, MON_10).code());
    }

    @Test
    void a_contact_with_no_number_is_never_dialled() {
        ContactSchedulingFacts none = new ContactSchedulingFacts(NEW_YORK, List.of(), List.of(), null, null, 0, null,
                List.of());
        assertEquals(ReasonCode.NUMBER_INVALID, never(none, aCampaign().build(), MON_10).code());
    }
}

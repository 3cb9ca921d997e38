package io.dialer.engine.schedule;

import static io.dialer.engine.result.ResultCode.ABANDONED;
import static io.dialer.engine.result.ResultCode.CONNECTED;
import static io.dialer.engine.result.ResultCode.NO_ANSWER;
import static io.dialer.engine.schedule.Fixtures.NEW_YORK;
import static io.dialer.engine.schedule.Fixtures.SCHEDULER;
import static io.dialer.engine.schedule.Fixtures.aCampaign;
import static io.dialer.engine.schedule.Fixtures.aContact;
import static io.dialer.engine.schedule.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.schedule.Decision.DialAt;
import io.dialer.engine.schedule.Decision.Never;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Callbacks replace retry timing but keep to DNC, the daily limit and the windows (legal ones always). */
class CallbackTest {

    private static final Instant MON_10 = at("2026-03-09T10:00", NEW_YORK);
    private static final CampaignScheduling STRICT = aCampaign()
            .retries(r -> r.withLimits(1, 1, 3).withMinGap(Duration.ofHours(4))).build();

    /** One connected call whose outcome asked for a callback, so the contact stays open. */
    private static Fixtures.ContactBuilder askedForCallback(Callback callback) {
        return aContact().inZone(NEW_YORK)
                .attempt(Attempt.of(MON_10, 0, CONNECTED).withOutcome(false))
                .callback(callback);
    }

    private static DialAt dial(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now) {
        return assertInstanceOf(DialAt.class, SCHEDULER.next(contact, campaign, now));
    }

    @Test
    void a_callback_overrides_retry_delays_gaps_and_lifetime_limits() {
        Instant at = MON_10.plus(Duration.ofMinutes(15));
        ContactSchedulingFacts contact = askedForCallback(Callback.at(at).ownedBy("agent-7")).build();

        DialAt next = dial(contact, STRICT, MON_10.plusSeconds(60));
        assertEquals(at, next.at());
        assertTrue(next.isCallback());
        assertEquals("agent-7", next.callback().agentId());
        assertEquals(List.of(new Reason(ReasonCode.CALLBACK_SCHEDULED,
                "callback requested for 2026-03-09T14:15:00Z with agent agent-7", at)),
                SCHEDULER.explain(contact, STRICT, true, MON_10.plusSeconds(60)).reasons());
    }

    @Test
    void a_callback_keeps_a_connected_contact_open_unless_the_outcome_is_final() {
        Instant at = MON_10.plus(Duration.ofDays(1));
        ContactSchedulingFacts asked = aContact().inZone(NEW_YORK).attempt(MON_10, 0, CONNECTED)
                .callback(Callback.at(at)).build();
        assertEquals(at, dial(asked, STRICT, MON_10).at());

        ContactSchedulingFacts closed = aContact().inZone(NEW_YORK)
                .attempt(Attempt.of(MON_10, 0, CONNECTED).withOutcome(true)).callback(Callback.at(at)).build();
        assertEquals(ReasonCode.COMPLETED, assertInstanceOf(Never.class, SCHEDULER.next(closed, STRICT, MON_10)).code());
    }

    @Test
    void an_overdue_callback_is_due_now_and_a_dialled_one_is_done() {
        Instant at = MON_10.plus(Duration.ofMinutes(15));
        Fixtures.ContactBuilder contact = askedForCallback(Callback.at(at));
        Instant late = MON_10.plus(Duration.ofHours(1));
        assertEquals(late, dial(contact.build(), STRICT, late).at());

        contact.attempt(late, 0, NO_ANSWER);
        assertEquals(ReasonCode.ATTEMPTS_EXHAUSTED,
                assertInstanceOf(Never.class, SCHEDULER.next(contact.build(), STRICT, late)).code());
    }

    @Test
    void a_callback_outside_the_window_waits_for_it() {
        ContactSchedulingFacts contact = askedForCallback(Callback.at(at("2026-03-09T20:30", NEW_YORK))).build();

        DialAt next = dial(contact, STRICT, MON_10);
        assertEquals(at("2026-03-10T09:00", NEW_YORK), next.at());
        assertEquals(List.of(ReasonCode.CALLBACK_SCHEDULED, ReasonCode.OUTSIDE_WINDOW),
                SCHEDULER.explain(contact, STRICT, true, MON_10).reasons().stream().map(Reason::code).toList());
    }

    @Test
    void a_callback_allowed_outside_the_campaign_windows_still_keeps_to_the_legal_hours() {
        CampaignScheduling withHoliday = aCampaign().schedule(s -> s.withHolidays(Set.of(LocalDate.parse("2026-03-10"))))
                .build();
        Instant evening = at("2026-03-09T20:30", NEW_YORK);
        assertEquals(evening, dial(askedForCallback(Callback.at(evening).allowedOutsideCampaignWindows()).build(),
                withHoliday, MON_10).at());

        Instant night = at("2026-03-09T22:00", NEW_YORK);
        assertEquals(at("2026-03-10T08:00", NEW_YORK),
                dial(askedForCallback(Callback.at(night).allowedOutsideCampaignWindows()).build(), withHoliday, MON_10).at());

        CampaignScheduling stricterLaw = withHoliday.withSchedule(withHoliday.schedule()
                .withLegalWindows(List.of(WeeklyWindow.everyDay("09:00", "20:00"))));
        assertEquals(at("2026-03-10T09:00", NEW_YORK),
                dial(askedForCallback(Callback.at(evening).allowedOutsideCampaignWindows()).build(), stricterLaw, MON_10).at());
    }

    @Test
    void a_callback_on_a_chosen_number_uses_it_unless_it_is_on_dnc() {
        Fixtures.ContactBuilder contact = aContact().inZone(NEW_YORK).phone("MOBILE").phone("HOME")
                .attempt(Attempt.of(MON_10, 0, CONNECTED).withOutcome(false))
                .callback(Callback.at(MON_10.plusSeconds(600)).onPhone(1));
        assertEquals(1, dial(contact.build(), STRICT, MON_10).phoneIndex());

        ContactSchedulingFacts dnc = aContact().inZone(NEW_YORK).phone("MOBILE").phone(ContactPhone.of("HOME").onDnc())
                .callback(Callback.at(MON_10.plusSeconds(600)).onPhone(1)).build();
        assertEquals(0, dial(dnc, STRICT, MON_10).phoneIndex());
    }

    @Test
    void a_callback_keeps_to_the_daily_limit_and_the_abandon_lockout() {
        CampaignScheduling oneADay = aCampaign().retries(r -> r.withLimits(10, 10, 1)).build();
        ContactSchedulingFacts contact = askedForCallback(Callback.at(MON_10.plusSeconds(600))).build();
        assertEquals(at("2026-03-10T09:00", NEW_YORK), dial(contact, oneADay, MON_10).at());

        CampaignScheduling ofcom = aCampaign().retries(r -> r.withAbandonLockout(RetryPolicy.OFCOM_ABANDON_LOCKOUT)).build();
        ContactSchedulingFacts abandoned = aContact().inZone(NEW_YORK).attempt(MON_10, 0, ABANDONED)
                .callback(Callback.at(MON_10.plusSeconds(600))).build();
        assertEquals(at("2026-03-12T10:00", NEW_YORK), dial(abandoned, ofcom, MON_10).at());
    }
}

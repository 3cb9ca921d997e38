package io.dialer.engine.schedule;

import static io.dialer.engine.result.ResultCode.ANSWERING_MACHINE;
import static io.dialer.engine.result.ResultCode.BUSY;
import static io.dialer.engine.result.ResultCode.DNC_BLOCKED;
import static io.dialer.engine.result.ResultCode.INVALID_NUMBER;
import static io.dialer.engine.result.ResultCode.NETWORK_ERROR;
import static io.dialer.engine.result.ResultCode.NO_ANSWER;
import static io.dialer.engine.result.ResultCode.NUMBER_NOT_IN_SERVICE;
import static io.dialer.engine.schedule.Fixtures.LOS_ANGELES;
import static io.dialer.engine.schedule.Fixtures.NEW_YORK;
import static io.dialer.engine.schedule.Fixtures.SCHEDULER;
import static io.dialer.engine.schedule.Fixtures.TOKYO;
import static io.dialer.engine.schedule.Fixtures.aCampaign;
import static io.dialer.engine.schedule.Fixtures.aContact;
import static io.dialer.engine.schedule.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.dialer.engine.schedule.Decision.DialAt;
import io.dialer.engine.schedule.Decision.Never;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which number: the campaign's order, the next one after a call that did not get through, skipping dead numbers. */
class NumberOrderTest {

    private static final Instant MON_10 = at("2026-03-09T10:00", NEW_YORK);
    private static final CampaignScheduling CAMPAIGN = aCampaign().build();

    private static int nextPhone(ContactSchedulingFacts contact, CampaignScheduling campaign) {
        return assertInstanceOf(DialAt.class, SCHEDULER.next(contact, campaign, MON_10.plusSeconds(86400))).phoneIndex();
    }

    /** WORK, HOME, MOBILE in the contact's order: 0, 1, 2. */
    private static Fixtures.ContactBuilder threePhones() {
        return aContact().inZone(NEW_YORK).phone("WORK").phone("HOME").phone("MOBILE");
    }

    @Test
    void the_first_call_goes_to_the_first_type_of_the_campaign_order() {
        assertEquals(2, nextPhone(threePhones().build(), CAMPAIGN));
        assertEquals(1, nextPhone(threePhones().build(), aCampaign().numberOrder("HOME", "MOBILE").build()));
        // types the order does not list come last, in the contact's order
        assertEquals(0, nextPhone(aContact().phone("OTHER").phone("WORK").build(), aCampaign().numberOrder("MOBILE").build()));
    }

    @Test
    void after_a_call_that_did_not_get_through_the_next_number_is_tried_and_the_order_wraps() {
        Fixtures.ContactBuilder contact = threePhones().attempt(MON_10, 2, NO_ANSWER);
        assertEquals(1, nextPhone(contact.build(), CAMPAIGN));
        contact.attempt(MON_10.plusSeconds(3600), 1, BUSY);
        assertEquals(0, nextPhone(contact.build(), CAMPAIGN));
        contact.attempt(MON_10.plusSeconds(7200), 0, NO_ANSWER);
        assertEquals(2, nextPhone(contact.build(), CAMPAIGN));
    }

    @Test
    void after_a_call_that_was_answered_the_same_number_is_tried_again() {
        assertEquals(2, nextPhone(threePhones().attempt(MON_10, 2, ANSWERING_MACHINE).build(), CAMPAIGN));
        // a free system error does not move on either
        assertEquals(2, nextPhone(threePhones().attempt(MON_10, 2, NETWORK_ERROR).build(), CAMPAIGN));
    }

    @Test
    void a_number_with_an_invalid_result_is_skipped_for_good() {
        Fixtures.ContactBuilder contact = threePhones()
                .attempt(MON_10, 2, NUMBER_NOT_IN_SERVICE)
                .attempt(MON_10.plusSeconds(3600), 1, NO_ANSWER)
                .attempt(MON_10.plusSeconds(7200), 0, NO_ANSWER);
        assertEquals(1, nextPhone(contact.build(), CAMPAIGN));
    }

    @Test
    void numbers_on_dnc_or_marked_invalid_are_skipped() {
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .phone(ContactPhone.of("MOBILE").onDnc())
                .phone(ContactPhone.of("HOME").markedInvalid())
                .phone("WORK").build();
        assertEquals(2, nextPhone(contact, CAMPAIGN));
        assertEquals(Dialability.NOW, SCHEDULER.explain(contact, CAMPAIGN, true, MON_10));
    }

    @Test
    void with_every_number_on_dnc_the_contact_is_never_dialled() {
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .phone(ContactPhone.of("MOBILE").onDnc()).phone("HOME")
                .attempt(MON_10, 1, DNC_BLOCKED).build();

        Never never = assertInstanceOf(Never.class, SCHEDULER.next(contact, CAMPAIGN, MON_10));
        assertEquals(ReasonCode.DNC, never.code());
        assertEquals(List.of("phone 1 (MOBILE) is on a do-not-call list",
                "phone 2 (HOME) was blocked by a do-not-call entry at 2026-03-09T14:00:00Z"),
                never.reasons().stream().map(Reason::message).toList());
        assertEquals(never.reasons(), SCHEDULER.explain(contact, CAMPAIGN, true, MON_10).reasons());
    }

    @Test
    void with_every_number_invalid_the_contact_is_never_dialled() {
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .phone(ContactPhone.of("MOBILE").markedInvalid()).phone("HOME")
                .attempt(MON_10, 1, INVALID_NUMBER).build();

        assertEquals(ReasonCode.NUMBER_INVALID,
                assertInstanceOf(Never.class, SCHEDULER.next(contact, CAMPAIGN, MON_10)).code());
    }

    @Test
    void the_order_holds_even_when_a_later_number_could_be_called_sooner() {
        ContactSchedulingFacts contact = aContact().phone("MOBILE", LOS_ANGELES).phone("HOME", NEW_YORK).build();
        Instant now = at("2026-03-09T10:00", NEW_YORK); // 07:00 in Los Angeles

        DialAt first = assertInstanceOf(DialAt.class, SCHEDULER.next(contact, CAMPAIGN, now));
        assertEquals(0, first.phoneIndex());
        assertEquals(at("2026-03-09T09:00", LOS_ANGELES), first.at());
    }

    @Test
    void a_number_that_can_never_be_called_gives_way_to_the_next() {
        CampaignScheduling morning = aCampaign().windows(WeeklyWindow.everyDay("09:00", "11:00")).build();
        ContactSchedulingFacts contact = aContact().phone("MOBILE", LOS_ANGELES, TOKYO).phone("HOME", LOS_ANGELES).build();

        DialAt next = assertInstanceOf(DialAt.class, SCHEDULER.next(contact, morning, MON_10));
        assertEquals(1, next.phoneIndex());
        assertEquals(at("2026-03-09T09:00", LOS_ANGELES), next.at());
    }
}

package io.dialer.engine.schedule;

import io.dialer.engine.result.NextStep;
import io.dialer.engine.schedule.Decision.DialAt;
import io.dialer.engine.schedule.Decision.Never;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** One run of the scheduler for one contact at one instant. */
final class Planning {

    private final ContactSchedulingFacts contact;
    private final CampaignScheduling campaign;
    private final CallingSchedule schedule;
    private final RetryPolicy policy;
    private final Instant now;
    private final Duration horizon;
    private final List<Attempt> attempts;

    Planning(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now, Duration horizon) {
        this.contact = contact;
        this.campaign = campaign;
        this.schedule = campaign.schedule();
        this.policy = campaign.retries();
        this.now = now;
        this.horizon = horizon;
        this.attempts = contact.attempts().stream().sorted(Comparator.comparing(Attempt::at)).toList();
    }

    Plan run() {
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        Callback callback = pendingCallback();
        if (last != null && closesContact(last, callback)) {
            return never(ReasonCode.COMPLETED, "completed: the call at " + Texts.utc(last.at()) + " ended "
                    + last.result() + (last.finalOutcome() == null ? "" : " with a final outcome"));
        }
        if (contact.expiresAt() != null && !now.isBefore(contact.expiresAt())) {
            return never(ReasonCode.EXPIRED, "expired at " + Texts.utc(contact.expiresAt()));
        }
        if (schedule.endAt() != null && !now.isBefore(schedule.endAt())) {
            return never(ReasonCode.CAMPAIGN_NOT_RUNNING, "the campaign ended at " + Texts.utc(schedule.endAt()));
        }
        if (contact.phones().isEmpty()) {
            return never(ReasonCode.NUMBER_INVALID, "the contact has no phone number");
        }
        long counted = attempts.stream().filter(a -> a.result().countsAsAttempt()).count();
        if (callback == null && counted >= policy.maxAttemptsPerContact()) {
            return never(ReasonCode.ATTEMPTS_EXHAUSTED,
                    "all " + policy.maxAttemptsPerContact() + " attempts of the contact are used");
        }
        List<NumberStatus> numbers = numberStatuses(callback != null);
        List<NumberStatus> candidates = candidates(numbers, last, callback);
        if (candidates.isEmpty()) {
            return noNumberLeft(numbers);
        }
        Plan first = null;
        for (NumberStatus number : candidates) {
            Plan plan = scheduleOn(number, callback);
            if (plan.decision() instanceof DialAt) {
                return plan;
            }
            first = first == null ? plan : first;
        }
        return first;
    }

    /** An explicit business verdict wins; otherwise a closing result closes, unless a callback was asked for since. */
    private static boolean closesContact(Attempt a, Callback pending) {
        if (a.finalOutcome() != null) {
            return a.finalOutcome();
        }
        return a.result().nextStep() == NextStep.CLOSE_CONTACT && pending == null;
    }

    private Callback pendingCallback() {
        Callback cb = contact.callback();
        if (cb == null) {
            return null;
        }
        boolean done = attempts.stream().anyMatch(a -> !a.at().isBefore(cb.at()));
        return done ? null : cb;
    }

    private List<NumberStatus> numberStatuses(boolean forCallback) {
        List<NumberStatus> out = new ArrayList<>();
        for (int i = 0; i < contact.phones().size(); i++) {
            int index = i;
            List<Attempt> onNumber = attempts.stream().filter(a -> a.phoneIndex() == index).toList();
            out.add(NumberStatus.of(i, contact.phones().get(i), onNumber, policy, forCallback));
        }
        return out;
    }

    /**
     * Usable numbers in the order to try them: the campaign's number order, starting at the number of the last
     * attempt, or at the one after it when that attempt did not get through. A callback's own number comes first.
     */
    private List<NumberStatus> candidates(List<NumberStatus> numbers, Attempt last, Callback callback) {
        List<NumberStatus> order = numbers.stream()
                .sorted(Comparator.comparingInt(n -> rank(n.phone().type())))
                .toList();
        int start = 0;
        if (last != null) {
            for (int pos = 0; pos < order.size(); pos++) {
                if (order.get(pos).index() == last.phoneIndex()) {
                    start = last.result().movesToNextNumber() ? pos + 1 : pos;
                }
            }
        }
        List<NumberStatus> out = new ArrayList<>();
        if (callback != null && callback.phoneIndex() != null && callback.phoneIndex() >= 0
                && callback.phoneIndex() < numbers.size() && numbers.get(callback.phoneIndex()).usable()) {
            out.add(numbers.get(callback.phoneIndex()));
        }
        for (int k = 0; k < order.size(); k++) {
            NumberStatus n = order.get((start + k) % order.size());
            if (n.usable() && !out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private int rank(String type) {
        int i = campaign.numberOrder().indexOf(type);
        return i < 0 ? campaign.numberOrder().size() : i;
    }

    private Plan noNumberLeft(List<NumberStatus> numbers) {
        List<Reason> reasons = new ArrayList<>();
        numbers.stream().map(NumberStatus::blocked).filter(r -> r.code() == ReasonCode.ATTEMPTS_EXHAUSTED)
                .forEach(reasons::add);
        numbers.stream().map(NumberStatus::blocked).filter(r -> r.code() != ReasonCode.ATTEMPTS_EXHAUSTED)
                .forEach(reasons::add);
        return new Plan(new Never(reasons), List.of(), now);
    }

    private Plan scheduleOn(NumberStatus number, Callback callback) {
        Waits waits = new Waits(now);
        Instant t = now;
        t = waits.until(t, schedule.startAt(), ReasonCode.NOT_YET,
                () -> "the campaign starts at " + Texts.utc(schedule.startAt()));
        t = waits.until(t, contact.dialAfter(), ReasonCode.NOT_YET,
                () -> "not to be called before " + Texts.utc(contact.dialAfter()));
        if (callback != null) {
            t = waits.until(t, callback.at(), ReasonCode.CALLBACK_SCHEDULED, () -> "callback requested for "
                    + Texts.utc(callback.at()) + (callback.agentId() == null ? "" : " with agent " + callback.agentId()));
            t = waits.until(t, number.lockoutUntil(), ReasonCode.RETRY_WAIT, () -> Texts.phone(number.index(),
                    number.phone()) + " had an abandoned call: no repeat call for " + Texts.duration(policy.abandonLockout()));
        } else {
            if (number.retryReason() != null) {
                t = waits.add(t, number.retryReason());
            }
            Attempt lastCounted = lastCounted();
            if (lastCounted != null && !policy.minGap().isZero()) {
                t = waits.until(t, lastCounted.at().plus(policy.minGap()), ReasonCode.RETRY_WAIT,
                        () -> "at least " + Texts.duration(policy.minGap()) + " between two calls to the same person; "
                                + "the last was at " + Texts.utc(lastCounted.at()));
            }
        }

        List<ZoneId> zones = zonesFor(number.phone());
        List<ZonedWindows> constraints = constraints(zones, callback);
        ZoneId dayZone = zones.get(0);
        Instant limit = t.plus(horizon);
        Reason windowWait = null;
        while (true) {
            WindowSearch.Found found = WindowSearch.earliest(constraints, t, limit);
            if (found == null) {
                return never(ReasonCode.OUTSIDE_WINDOW, "no calling time inside every window of " + zones
                        + " in the " + horizon.toDays() + " days after " + Texts.utc(t));
            }
            windowWait = found.at().isAfter(t) ? windowReason(t, found) : null;
            t = found.at();
            LocalDate day = t.atZone(dayZone).toLocalDate();
            if (countedOn(day, dayZone) < policy.maxAttemptsPerDay()) {
                break;
            }
            Instant nextDay = LocalInstants.startOfDay(day.plusDays(1), dayZone);
            t = waits.until(t, nextDay, ReasonCode.DAILY_LIMIT, () -> "the " + policy.maxAttemptsPerDay()
                    + " attempts allowed on " + day + " (" + dayZone.getId() + ") are used");
        }
        if (windowWait != null) {
            waits.add(t, windowWait);
        }
        Instant at = t;
        if (schedule.endAt() != null && !at.isBefore(schedule.endAt())) {
            return never(ReasonCode.CAMPAIGN_NOT_RUNNING, "the campaign ends at " + Texts.utc(schedule.endAt())
                    + ", before the contact's next calling time " + Texts.utc(at));
        }
        if (contact.expiresAt() != null && !at.isBefore(contact.expiresAt())) {
            return never(ReasonCode.EXPIRED, "expires at " + Texts.utc(contact.expiresAt())
                    + ", before its next calling time " + Texts.utc(at));
        }
        return new Plan(new DialAt(at, number.index(), callback), waits.list(), now);
    }

    /** The contact's own zone, else the number's candidate zones, else the campaign's fallback. */
    private List<ZoneId> zonesFor(ContactPhone phone) {
        if (contact.timezone() != null) {
            return List.of(contact.timezone());
        }
        return phone.zones().isEmpty() ? List.of(schedule.fallbackZone()) : phone.zones();
    }

    private List<ZonedWindows> constraints(List<ZoneId> zones, Callback callback) {
        boolean outside = callback != null && callback.outsideCampaignWindows();
        List<WeeklyWindow> legal = schedule.legalWindows().isEmpty() && outside
                ? CallingSchedule.DEFAULT_LEGAL_WINDOWS : schedule.legalWindows();
        List<ZonedWindows> out = new ArrayList<>();
        for (ZoneId zone : zones) {
            if (!outside) {
                out.add(new ZonedWindows(ZonedWindows.Kind.CAMPAIGN, zone, schedule.windows(), schedule.holidays()));
                if (!contact.preferredWindows().isEmpty()) {
                    out.add(new ZonedWindows(ZonedWindows.Kind.PREFERRED, zone, contact.preferredWindows(), Set.of()));
                }
            }
            if (!legal.isEmpty()) {
                out.add(new ZonedWindows(ZonedWindows.Kind.LEGAL, zone, legal, Set.of()));
            }
        }
        return out;
    }

    private Reason windowReason(Instant blocked, WindowSearch.Found found) {
        String until = Texts.local(found.at(), found.binding().zone(), now);
        ZoneId zone = found.binding().zone();
        LocalDate date = blocked.atZone(zone).toLocalDate();
        if (found.binding().kind() == ZonedWindows.Kind.CAMPAIGN && schedule.holidays().contains(date)) {
            return new Reason(ReasonCode.HOLIDAY, date + " is a holiday in " + zone.getId() + "; calling resumes "
                    + until, found.at());
        }
        String what = switch (found.binding().kind()) {
            case CAMPAIGN -> "the calling window";
            case PREFERRED -> "the contact's preferred hours";
            case LEGAL -> "the legal calling hours";
        };
        return new Reason(ReasonCode.OUTSIDE_WINDOW, "outside " + what + " until " + until, found.at());
    }

    private Attempt lastCounted() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).result().countsAsAttempt()) {
                return attempts.get(i);
            }
        }
        return null;
    }

    private long countedOn(LocalDate day, ZoneId zone) {
        return attempts.stream()
                .filter(a -> a.result().countsAsAttempt() && a.at().atZone(zone).toLocalDate().equals(day))
                .count();
    }

    private Plan never(ReasonCode code, String message) {
        return new Plan(new Never(List.of(Reason.forever(code, message))), List.of(), now);
    }

    /** The reasons that push a contact's time later, each kept only if it still holds after {@code now}. */
    private static final class Waits {
        private final Instant now;
        private final List<Reason> reasons = new ArrayList<>();

        Waits(Instant now) {
            this.now = now;
        }

        Instant until(Instant t, Instant bound, ReasonCode code, java.util.function.Supplier<String> message) {
            if (bound == null) {
                return t;
            }
            if (bound.isAfter(now)) {
                reasons.add(new Reason(code, message.get(), bound));
            }
            return bound.isAfter(t) ? bound : t;
        }

        Instant add(Instant t, Reason reason) {
            return until(t, reason.until(), reason.code(), reason::message);
        }

        List<Reason> list() {
            return reasons;
        }
    }
}

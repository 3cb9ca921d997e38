package io.dialer.engine.result;

import static io.dialer.engine.result.ResultCode.Table.ATTEMPT;
import static io.dialer.engine.result.ResultCode.Table.FREE;
import static io.dialer.engine.result.ResultCode.Table.NOT_REACHED;
import static io.dialer.engine.result.ResultCode.Table.REACHED;
import static io.dialer.engine.result.ResultCode.Table.days;
import static io.dialer.engine.result.ResultCode.Table.hours;
import static io.dialer.engine.result.ResultCode.Table.minutes;
import static io.dialer.engine.result.RetryBehaviour.close;
import static io.dialer.engine.result.RetryBehaviour.never;
import static io.dialer.engine.result.RetryBehaviour.retry;

import java.time.Duration;

/**
 * The technical result of one call attempt (DESIGN.md section 5). Every attempt ends with exactly one.
 *
 * <p>Each code carries its defaults; a campaign's {@code retries.rules} override delay and max per code.
 * <ul>
 *   <li><b>attempt</b>: counts towards the attempt limits and the minimum gap. Results where the dialer or the
 *       network failed before the phone could ring, and preview actions, are free (after Cisco's CallResults table).</li>
 *   <li><b>reached</b>: the phone was answered (person, machine, fax). After a counted, not-reached result the
 *       contact's next number in the campaign's order is tried; after a reached one the same number is.</li>
 *   <li><b>retry</b>: delay before the same number is dialled again and how many retries this code allows per number.
 *       The minimum gap between two calls to the same person is a separate campaign setting and usually dominates.</li>
 *   <li><b>ledger</b>: the code's role in the abandonment ledger.</li>
 * </ul>
 */
public enum ResultCode {
    //                                       category              attempt  reached      retry                                  ledger
    CONNECTED(Category.HUMAN,                ATTEMPT, REACHED,     close(days(1), 3),                     AbandonmentRole.LIVE_ANSWER),
    ABANDONED(Category.HUMAN,                ATTEMPT, REACHED,     retry(hours(1), 3),                    AbandonmentRole.ABANDONED_LIVE),
    CUSTOMER_HANGUP_BEFORE_CONNECT(Category.HUMAN, ATTEMPT, REACHED, retry(hours(1), 3),                  AbandonmentRole.LIVE_ANSWER),
    AGENTLESS_DELIVERED(Category.AGENTLESS,  ATTEMPT, REACHED,     close(days(1), 0),                     AbandonmentRole.NONE),
    IVR_COMPLETED(Category.AGENTLESS,        ATTEMPT, REACHED,     close(days(1), 0),                     AbandonmentRole.NONE),
    IVR_ABANDONED(Category.AGENTLESS,        ATTEMPT, REACHED,     retry(hours(4), 2),                    AbandonmentRole.NONE),
    ANSWERING_MACHINE(Category.MACHINE,      ATTEMPT, REACHED,     retry(hours(2), 5),                    AbandonmentRole.MACHINE),
    ANSWERING_MACHINE_MESSAGE_LEFT(Category.MACHINE, ATTEMPT, REACHED, retry(days(1), 2),                 AbandonmentRole.MACHINE),
    /** The network's voicemail (phone off, out of coverage): the handset was not reached, so try the next number. */
    NETWORK_ANSWERING_MACHINE(Category.MACHINE, ATTEMPT, NOT_REACHED, retry(hours(2), 5),                 AbandonmentRole.MACHINE),
    /** A fax line: never retried; other numbers of the contact still are. */
    FAX(Category.NON_VOICE,                  ATTEMPT, REACHED,     retry(days(1), 0),                     AbandonmentRole.NONE),
    DEAD_AIR(Category.NON_VOICE,             ATTEMPT, NOT_REACHED, retry(hours(1), 3),                    AbandonmentRole.NONE),
    NO_ANSWER(Category.NOT_REACHED,          ATTEMPT, NOT_REACHED, retry(hours(1), 5),                    AbandonmentRole.NONE),
    BUSY(Category.NOT_REACHED,               ATTEMPT, NOT_REACHED, retry(minutes(10), 5),                 AbandonmentRole.NONE),
    /** All circuits busy somewhere in the network: not the called party's doing. */
    CONGESTION(Category.NOT_REACHED,         FREE,    NOT_REACHED, retry(minutes(5), 5),                  AbandonmentRole.NONE),
    /** Declined by the called party (SIP 603). */
    REJECTED(Category.NOT_REACHED,           ATTEMPT, NOT_REACHED, retry(minutes(30), 3),                 AbandonmentRole.NONE),
    NO_RINGBACK(Category.NOT_REACHED,        FREE,    NOT_REACHED, retry(minutes(10), 5),                 AbandonmentRole.NONE),
    INVALID_NUMBER(Category.NUMBER_PROBLEM,  ATTEMPT, NOT_REACHED, never(NextStep.MARK_NUMBER_INVALID),   AbandonmentRole.NONE),
    NUMBER_NOT_IN_SERVICE(Category.NUMBER_PROBLEM, ATTEMPT, NOT_REACHED, never(NextStep.MARK_NUMBER_INVALID), AbandonmentRole.NONE),
    NETWORK_ERROR(Category.SYSTEM,           FREE,    NOT_REACHED, retry(minutes(1), 10),                 AbandonmentRole.NONE),
    TRUNK_UNAVAILABLE(Category.SYSTEM,       FREE,    NOT_REACHED, retry(minutes(1), 10),                 AbandonmentRole.NONE),
    DIAL_ERROR(Category.SYSTEM,              FREE,    NOT_REACHED, retry(minutes(5), 5),                  AbandonmentRole.NONE),
    /** Cancelled by the dialer itself (pause, stop, shutdown): dial again as soon as allowed. */
    CANCELLED(Category.SYSTEM,               FREE,    NOT_REACHED, retry(Duration.ZERO, 10),              AbandonmentRole.NONE),
    AGENT_SKIPPED(Category.PREVIEW,          FREE,    NOT_REACHED, retry(minutes(30), 5),                 AbandonmentRole.NONE),
    /** The agent closed the record in preview: the contact is done. */
    AGENT_CLOSED(Category.PREVIEW,           FREE,    NOT_REACHED, close(days(1), 0),                     AbandonmentRole.NONE),
    PREVIEW_TIMEOUT(Category.PREVIEW,        FREE,    NOT_REACHED, retry(minutes(5), 5),                  AbandonmentRole.NONE),
    DNC_BLOCKED(Category.COMPLIANCE,         FREE,    NOT_REACHED, never(NextStep.BLOCK_NUMBER),          AbandonmentRole.NONE);

    public enum Category { HUMAN, AGENTLESS, MACHINE, NON_VOICE, NOT_REACHED, NUMBER_PROBLEM, SYSTEM, PREVIEW, COMPLIANCE }

    private final Category category;
    private final boolean countsAsAttempt;
    private final boolean reached;
    private final RetryBehaviour defaultRetry;
    private final AbandonmentRole ledgerRole;

    ResultCode(Category category, boolean countsAsAttempt, boolean reached, RetryBehaviour defaultRetry,
               AbandonmentRole ledgerRole) {
        this.category = category;
        this.countsAsAttempt = countsAsAttempt;
        this.reached = reached;
        this.defaultRetry = defaultRetry;
        this.ledgerRole = ledgerRole;
    }

    public Category category() {
        return category;
    }

    public boolean countsAsAttempt() {
        return countsAsAttempt;
    }

    /** The phone was answered by someone or something; false means the call never got through. */
    public boolean reached() {
        return reached;
    }

    /** After this result the contact's next number is tried rather than the same one. */
    public boolean movesToNextNumber() {
        return countsAsAttempt && !reached;
    }

    public RetryBehaviour defaultRetry() {
        return defaultRetry;
    }

    public NextStep nextStep() {
        return defaultRetry.step();
    }

    public AbandonmentRole ledgerRole() {
        return ledgerRole;
    }

    /** One line for people, e.g. for {@code GET /v1/result-codes}. */
    public String meaning() {
        return switch (this) {
            case CONNECTED -> "a person answered and talked to an agent";
            case ABANDONED -> "a person answered and no agent was free within the connect limit; safe-harbour message played";
            case CUSTOMER_HANGUP_BEFORE_CONNECT -> "the person hung up inside the connect limit";
            case AGENTLESS_DELIVERED -> "the agentless message was delivered";
            case IVR_COMPLETED -> "the person completed the IVR or survey";
            case IVR_ABANDONED -> "the person hung up during the IVR or survey";
            case ANSWERING_MACHINE -> "an answering machine answered";
            case ANSWERING_MACHINE_MESSAGE_LEFT -> "an answering machine answered and a message was left";
            case NETWORK_ANSWERING_MACHINE -> "the network's voicemail answered (phone off or unreachable)";
            case FAX -> "a fax machine answered";
            case DEAD_AIR -> "answered, but nothing could be heard";
            case NO_ANSWER -> "it rang but nobody answered";
            case BUSY -> "the line was busy";
            case CONGESTION -> "the network was congested";
            case REJECTED -> "the called party declined the call";
            case NO_RINGBACK -> "the network gave no ringback";
            case INVALID_NUMBER -> "the network reported the number invalid";
            case NUMBER_NOT_IN_SERVICE -> "the network reported the number not in service";
            case NETWORK_ERROR -> "a network error ended the call before it could ring";
            case TRUNK_UNAVAILABLE -> "no trunk was available to place the call";
            case DIAL_ERROR -> "the dialer could not place the call";
            case CANCELLED -> "the dialer cancelled the call (pause, stop, shutdown)";
            case AGENT_SKIPPED -> "the agent skipped the contact in preview";
            case AGENT_CLOSED -> "the agent closed the contact in preview";
            case PREVIEW_TIMEOUT -> "the agent did not act on the preview in time";
            case DNC_BLOCKED -> "blocked at dial time by a do-not-call entry";
        };
    }

    public static boolean isKnown(String code) {
        for (ResultCode c : values()) {
            if (c.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** Shorthands that keep the table above readable. */
    static final class Table {
        static final boolean ATTEMPT = true;
        static final boolean FREE = false;
        static final boolean REACHED = true;
        static final boolean NOT_REACHED = false;

        private Table() {
        }

        static Duration minutes(long m) {
            return Duration.ofMinutes(m);
        }

        static Duration hours(long h) {
            return Duration.ofHours(h);
        }

        static Duration days(long d) {
            return Duration.ofDays(d);
        }
    }
}

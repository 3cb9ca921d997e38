package io.dialer.engine.result;

/**
 * The technical result of one call attempt (DESIGN.md section 5). Every attempt ends with exactly one.
 */
public enum ResultCode {
    CONNECTED(Category.HUMAN),
    ABANDONED(Category.HUMAN),
    CUSTOMER_HANGUP_BEFORE_CONNECT(Category.HUMAN),
    AGENTLESS_DELIVERED(Category.AGENTLESS),
    IVR_COMPLETED(Category.AGENTLESS),
    IVR_ABANDONED(Category.AGENTLESS),
    ANSWERING_MACHINE(Category.MACHINE),
    ANSWERING_MACHINE_MESSAGE_LEFT(Category.MACHINE),
    NETWORK_ANSWERING_MACHINE(Category.MACHINE),
    FAX(Category.NON_VOICE),
    DEAD_AIR(Category.NON_VOICE),
    NO_ANSWER(Category.NOT_REACHED),
    BUSY(Category.NOT_REACHED),
    CONGESTION(Category.NOT_REACHED),
    REJECTED(Category.NOT_REACHED),
    NO_RINGBACK(Category.NOT_REACHED),
    INVALID_NUMBER(Category.NUMBER_PROBLEM),
    NUMBER_NOT_IN_SERVICE(Category.NUMBER_PROBLEM),
    NETWORK_ERROR(Category.SYSTEM),
    TRUNK_UNAVAILABLE(Category.SYSTEM),
    DIAL_ERROR(Category.SYSTEM),
    CANCELLED(Category.SYSTEM),
    AGENT_SKIPPED(Category.PREVIEW),
    AGENT_CLOSED(Category.PREVIEW),
    PREVIEW_TIMEOUT(Category.PREVIEW),
    DNC_BLOCKED(Category.COMPLIANCE);

    public enum Category { HUMAN, AGENTLESS, MACHINE, NON_VOICE, NOT_REACHED, NUMBER_PROBLEM, SYSTEM, PREVIEW, COMPLIANCE }

    private final Category category;

    ResultCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public static boolean isKnown(String code) {
        for (ResultCode c : values()) {
            if (c.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}

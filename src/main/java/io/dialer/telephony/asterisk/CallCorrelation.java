package io.dialer.telephony.asterisk;

/**
 * Channel ids derived from the dialer's ids, set as the Originate's ChannelId and OtherChannelId: Asterisk uses them as
 * the channels' Uniqueid, so every AMI event and the channel list name the call, even after a restart of the dialer.
 */
final class CallCorrelation {

    /** The Local channel's ;1 half: the customer's leg as the dialer's scripts see it once answered. */
    private static final String CUSTOMER = "dialer-c-";
    /** The Local channel's ;2 half, which runs the trunk context and dials the number. */
    private static final String TRUNK = "dialer-t-";
    private static final String AGENT = "dialer-a-";

    private CallCorrelation() {
    }

    static String customerChannel(String callId) {
        return CUSTOMER + callId;
    }

    static String trunkChannel(String callId) {
        return TRUNK + callId;
    }

    static String agentChannel(String agentId) {
        return AGENT + agentId;
    }

    /** The call id of one of our call channels' Uniqueid, or null. */
    static String callIdOf(String uniqueId) {
        if (uniqueId == null) {
            return null;
        }
        if (uniqueId.startsWith(CUSTOMER)) {
            return uniqueId.substring(CUSTOMER.length());
        }
        return uniqueId.startsWith(TRUNK) ? uniqueId.substring(TRUNK.length()) : null;
    }

    static boolean isCustomerLeg(String uniqueId) {
        return uniqueId != null && uniqueId.startsWith(CUSTOMER);
    }

    /** The agent id of an agent line's Uniqueid, or null. */
    static String agentIdOf(String uniqueId) {
        return uniqueId != null && uniqueId.startsWith(AGENT) ? uniqueId.substring(AGENT.length()) : null;
    }

    static String conference(String agentId) {
        return "dialer-agent-" + agentId;
    }
}

package io.dialer.telephony;

/**
 * How the dialer places and controls calls. The simulated carrier (embedded default, tests, demos, benchmarks) and the
 * Asterisk carrier implement it. Methods never block on the network: outcomes arrive later on the request's listener,
 * from the carrier's own threads, in the order they happened for each call, and every originated call ends with exactly
 * one {@link CallEvent.Ended}.
 */
public interface TelephonyPort {

    /** Places a call. A call the carrier cannot even try still gets an {@link CallEvent.Ended} (e.g. DIAL_ERROR). */
    void originate(CallRequest request, CallListener listener);

    /** Joins an answered call to an agent; the conversation then runs until one side hangs up. */
    void bridge(String callId, String agentId);

    /** Plays the safe-harbour message to an answered call nobody could take, then hangs up (an abandoned call). */
    void abandon(String callId, String message);

    /** Leaves a message on an answering machine (or plays an agentless message to a person), then hangs up. */
    void playMessage(String callId, String message);

    /** Hangs up at once, whatever state the call is in (pause/stop, agent hang-up, machine detected). */
    void hangup(String callId);

    /**
     * Agentless and IVR calls: plays the script's greeting to an answered call, then runs its survey if it has one
     * (question, DTMF answer, optional recorded comment), sends {@link CallEvent.SurveyAnswered} when a survey ran, and
     * hangs up.
     */
    void runIvr(String callId, IvrScript script);

    /**
     * Keeps an agent's phone (a SIP endpoint such as {@code sip:agent7@10.0.0.5:5060}) connected for the whole shift, in
     * the agent's own bridge, so that {@link #bridge} joins a customer at once. Calling it again for a connected agent
     * does nothing; the dialer calls it again and again while the agent is logged in, so a dropped line comes back. A
     * carrier with several servers keeps one campaign's agents, and its calls, on one server, so that a customer can
     * always join the agent. A carrier whose agents need no line (the simulated one) only notes it.
     */
    void connectAgent(String campaignId, String agentId, String endpoint);

    /** Ends the agent's shift line (logout). Unknown agents are ignored. */
    void disconnectAgent(String agentId);

    /** Ids of the calls this carrier still has up; used to reconcile after a restart or reconnect. */
    java.util.Set<String> activeCalls();
}

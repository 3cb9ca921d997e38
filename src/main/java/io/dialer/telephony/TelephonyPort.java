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

    /** Ids of the calls this carrier still has up; used to reconcile after a restart or reconnect. */
    java.util.Set<String> activeCalls();
}

package io.dialer.telephony.asterisk;

import io.dialer.telephony.CallRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asteriskjava.manager.action.OriginateAction;

/**
 * The AMI Originate for a customer call: a Local channel into the trunk's dialplan context, which lands in
 * {@code dialer-answered} once the number answers (see src/main/asterisk/extensions_dialer.conf).
 */
final class OriginateCommand {

    static final String ANSWERED_CONTEXT = "dialer-answered";
    static final String AGENT_CONTEXT = "dialer-agent";
    /**
     * The trunk's own Dial() times out at the ring timeout and reports NO_ANSWER through FastAGI, which survives an AMI
     * outage; the Originate's timeout is only the backstop, so it must not fire first.
     */
    static final int ORIGINATE_MARGIN_SECONDS = 5;

    private OriginateCommand() {
    }

    static OriginateAction customerCall(CallRequest request, AsteriskSettings settings) {
        String digits = request.number().startsWith("+") ? request.number().substring(1) : request.number();
        OriginateAction action = new OriginateAction();
        // /n: never optimise the Local channel away, or the FastAGI script would lose the customer's leg
        action.setChannel("Local/" + digits + "@" + settings.trunkContext(request.trunk()) + "/n");
        action.setContext(ANSWERED_CONTEXT);
        action.setExten("s");
        action.setPriority(1);
        action.setAsync(true);
        action.setTimeout((long) (Math.max(1, request.ringTimeoutSeconds()) + ORIGINATE_MARGIN_SECONDS) * 1000);
        action.setChannelId(CallCorrelation.customerChannel(request.callId()));
        action.setOtherChannelId(CallCorrelation.trunkChannel(request.callId()));
        if (request.callerId() != null && !request.callerId().isBlank()) {
            action.setCallerId(request.callerId());
        }
        Map<String, String> variables = new LinkedHashMap<>();
        // __: inherited by the trunk leg and whatever it dials
        variables.put("__DIALER_CALL_ID", request.callId());
        variables.put("__DIALER_AGI", settings.agiAddress());
        variables.put("__DIALER_RING_TIMEOUT", String.valueOf(Math.max(1, request.ringTimeoutSeconds())));
        action.setVariables(variables);
        return action;
    }

    /** The agent's phone, answered into the agent's own ConfBridge for the shift. */
    static OriginateAction agentLine(String agentId, String endpoint, AsteriskSettings settings) {
        OriginateAction action = new OriginateAction();
        action.setChannel(endpoint.startsWith("sip:") || endpoint.startsWith("sips:")
                ? settings.agentChannelPrefix() + endpoint : endpoint);
        action.setContext(AGENT_CONTEXT);
        action.setExten("s");
        action.setPriority(1);
        action.setAsync(true);
        action.setTimeout(30_000L);
        action.setChannelId(CallCorrelation.agentChannel(agentId));
        action.setVariables(Map.of("DIALER_AGENT_ID", agentId));
        return action;
    }
}

package io.dialer.telephony.asterisk;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * FastAGI script {@code ended}: the dialplan's reports of how a call ended, which reach the dialer without AMI.
 * <ul>
 *   <li>{@code ended,failed,<callId>,<DIALSTATUS>,<Q.850>,<tech cause>,<RINGTIME_MS>} from dialer-dial-failed</li>
 *   <li>{@code ended,hangup,<callId>,,<Q.850>,,} from the answered leg's hangup handler</li>
 * </ul>
 */
final class AgiReports implements AgiScript {

    private final AsteriskCarrier carrier;

    AgiReports(AsteriskCarrier carrier) {
        this.carrier = carrier;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        String kind = argument(request, 0);
        String callId = argument(request, 1);
        if (callId == null) {
            return;
        }
        if ("failed".equals(kind)) {
            carrier.dialFailed(callId, argument(request, 2), number(argument(request, 3)),
                    AsteriskOutcomes.sipCode(argument(request, 4)), number(argument(request, 5)));
        } else if ("hangup".equals(kind)) {
            carrier.answeredLegGone(callId, number(argument(request, 3)));
        }
    }

    /** The n-th AGI argument, or null when absent or empty. */
    static String argument(AgiRequest request, int n) {
        String[] arguments = request.getArguments();
        if (arguments == null || arguments.length <= n || arguments[n] == null || arguments[n].isBlank()) {
            return null;
        }
        return arguments[n].trim();
    }

    static Integer number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

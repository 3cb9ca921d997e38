package io.dialer.telephony.asterisk;

import io.dialer.engine.result.ResultCode;

/**
 * The result of a call that was never answered, from what Asterisk said about it. The most specific evidence wins: the
 * SIP response code, then Dial's DIALSTATUS, then the Q.850 cause, then the Originate reason.
 */
final class AsteriskOutcomes {

    /** A result with its detail for the record, e.g. "SIP 486 / Q.850 17 (BUSY)". */
    record Outcome(ResultCode result, String cause) {
    }

    /**
     * What is known about a failed dial; any part may be null.
     *
     * @param sipCode         the far end's final SIP response (from {@code HANGUPCAUSE(...,tech)})
     * @param q850            the hang-up cause
     * @param dialStatus      Dial's DIALSTATUS
     * @param originateReason the reason of AMI's OriginateResponse (0 failed, 1 hung up, 3 no answer, 5 busy, 8
     *                        congestion)
     * @param rang            the far end signalled ringing
     */
    record Failure(Integer sipCode, Integer q850, String dialStatus, Integer originateReason, boolean rang) {
    }

    private AsteriskOutcomes() {
    }

    static Outcome unanswered(Failure f) {
        ResultCode result = bySip(f);
        if (result == null) {
            result = byDialStatus(f);
        }
        if (result == null) {
            result = byQ850(f);
        }
        if (result == null) {
            result = byOriginateReason(f);
        }
        return new Outcome(result, cause(f));
    }

    private static ResultCode bySip(Failure f) {
        if (f.sipCode() == null) {
            return null;
        }
        return switch (f.sipCode()) {
            case 486, 600 -> ResultCode.BUSY;
            case 603 -> ResultCode.REJECTED;
            case 404, 410, 604 -> ResultCode.NUMBER_NOT_IN_SERVICE;
            case 484, 485 -> ResultCode.INVALID_NUMBER;
            case 503 -> ResultCode.CONGESTION;
            case 500, 502, 504 -> ResultCode.NETWORK_ERROR;
            case 408, 480, 487 -> notAnswered(f);
            default -> null;
        };
    }

    private static ResultCode byDialStatus(Failure f) {
        if (f.dialStatus() == null) {
            return null;
        }
        return switch (f.dialStatus()) {
            case "BUSY" -> ResultCode.BUSY;
            case "NOANSWER" -> notAnswered(f);
            case "CANCEL" -> ResultCode.CANCELLED;
            case "INVALIDARGS" -> ResultCode.DIAL_ERROR;
            // nobody answered the INVITE at all: the trunk is down, unless the cause says more
            case "CHANUNAVAIL" -> f.sipCode() == null && !specificQ850(f.q850()) ? ResultCode.TRUNK_UNAVAILABLE : null;
            default -> null;
        };
    }

    private static boolean specificQ850(Integer q850) {
        return q850 != null && q850 != 0 && q850 != 16 && q850 != 18 && q850 != 19 && q850 != 20;
    }

    private static ResultCode byQ850(Failure f) {
        if (f.q850() == null) {
            return null;
        }
        return switch (f.q850()) {
            case 17 -> ResultCode.BUSY;
            case 21 -> ResultCode.REJECTED;
            case 1, 2, 3, 28 -> ResultCode.INVALID_NUMBER;
            case 22 -> ResultCode.NUMBER_NOT_IN_SERVICE;
            case 34, 42 -> ResultCode.CONGESTION;
            case 27, 38, 41 -> ResultCode.NETWORK_ERROR;
            case 16, 18, 19, 20 -> notAnswered(f);
            default -> null;
        };
    }

    private static ResultCode byOriginateReason(Failure f) {
        if (f.originateReason() == null) {
            return f.dialStatus() != null || f.q850() != null ? ResultCode.NETWORK_ERROR : ResultCode.DIAL_ERROR;
        }
        return switch (f.originateReason()) {
            case 3 -> notAnswered(f);
            case 5 -> ResultCode.BUSY;
            case 8 -> ResultCode.CONGESTION;
            // reason 0 without any cause: the channel could not even be created
            case 0 -> f.q850() == null || f.q850() == 0 ? ResultCode.DIAL_ERROR : ResultCode.NETWORK_ERROR;
            default -> ResultCode.NETWORK_ERROR;
        };
    }

    private static ResultCode notAnswered(Failure f) {
        return f.rang() ? ResultCode.NO_ANSWER : ResultCode.NO_RINGBACK;
    }

    static String cause(Failure f) {
        StringBuilder cause = new StringBuilder();
        if (f.sipCode() != null) {
            cause.append("SIP ").append(f.sipCode());
        }
        if (f.q850() != null && f.q850() != 0) {
            cause.append(cause.isEmpty() ? "" : " / ").append("Q.850 ").append(f.q850());
        }
        if (f.dialStatus() != null && !f.dialStatus().isEmpty()) {
            cause.append(cause.isEmpty() ? "DIALSTATUS " + f.dialStatus() : " (" + f.dialStatus() + ")");
        }
        if (cause.isEmpty()) {
            cause.append("Originate reason ").append(f.originateReason());
        }
        return cause.toString();
    }

    /** The SIP code in a {@code HANGUPCAUSE(...,tech)} text such as "SIP 486 Busy Here", or null. */
    static Integer sipCode(String techCause) {
        if (techCause == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SIP (\\d{3})").matcher(techCause);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}

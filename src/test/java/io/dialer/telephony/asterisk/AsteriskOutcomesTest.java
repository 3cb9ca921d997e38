package io.dialer.telephony.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.asterisk.AsteriskOutcomes.Failure;
import org.junit.jupiter.api.Test;

class AsteriskOutcomesTest {

    private static ResultCode result(Integer sip, Integer q850, String dialStatus, Integer reason, boolean rang) {
        return AsteriskOutcomes.unanswered(new Failure(sip, q850, dialStatus, reason, rang)).result();
    }

    @Test
    void sipCodesDecideFirst() {
        assertEquals(ResultCode.BUSY, result(486, 17, "BUSY", 5, true));
        assertEquals(ResultCode.REJECTED, result(603, 21, "CONGESTION", 8, true));
        assertEquals(ResultCode.NUMBER_NOT_IN_SERVICE, result(404, 1, "CHANUNAVAIL", 0, false));
        assertEquals(ResultCode.INVALID_NUMBER, result(484, 28, "CONGESTION", 0, false));
        assertEquals(ResultCode.CONGESTION, result(503, 34, "CONGESTION", 8, false));
        assertEquals(ResultCode.NETWORK_ERROR, result(502, 38, "CONGESTION", 8, false));
        assertEquals(ResultCode.NO_RINGBACK, result(480, 19, "NOANSWER", 0, false));
        assertEquals(ResultCode.NO_RINGBACK, result(487, 19, null, null, false));
        assertEquals(ResultCode.NO_ANSWER, result(487, 19, "NOANSWER", 3, true));
    }

    @Test
    void withoutSipTheDialStatusThenTheCauseDecide() {
        assertEquals(ResultCode.BUSY, result(null, 17, "BUSY", null, false));
        assertEquals(ResultCode.NO_ANSWER, result(null, 19, "NOANSWER", null, true));
        assertEquals(ResultCode.TRUNK_UNAVAILABLE, result(null, 0, "CHANUNAVAIL", 0, false));
        assertEquals(ResultCode.TRUNK_UNAVAILABLE, result(null, 20, "CHANUNAVAIL", null, false));
        assertEquals(ResultCode.INVALID_NUMBER, result(null, 1, "CHANUNAVAIL", null, false));
        assertEquals(ResultCode.INVALID_NUMBER, result(null, 1, null, 0, false));
        assertEquals(ResultCode.REJECTED, result(null, 21, null, 0, false));
        assertEquals(ResultCode.CONGESTION, result(null, 34, "CONGESTION", null, false));
        assertEquals(ResultCode.NETWORK_ERROR, result(null, 38, "CONGESTION", null, false));
    }

    @Test
    void theOriginateReasonIsTheLastResort() {
        assertEquals(ResultCode.BUSY, result(null, null, null, 5, false));
        assertEquals(ResultCode.CONGESTION, result(null, null, null, 8, false));
        assertEquals(ResultCode.NO_ANSWER, result(null, null, null, 3, true));
        assertEquals(ResultCode.DIAL_ERROR, result(null, null, null, 0, false));
        assertEquals(ResultCode.DIAL_ERROR, result(null, 0, null, 0, false));
        assertEquals(ResultCode.NETWORK_ERROR, result(null, null, null, 1, false));
    }

    @Test
    void causeNamesEveryPieceOfEvidence() {
        assertEquals("SIP 486 / Q.850 17 (BUSY)",
                AsteriskOutcomes.unanswered(new Failure(486, 17, "BUSY", null, true)).cause());
        assertEquals("Q.850 34", AsteriskOutcomes.cause(new Failure(null, 34, null, 8, false)));
        assertEquals("DIALSTATUS CHANUNAVAIL", AsteriskOutcomes.cause(new Failure(null, 0, "CHANUNAVAIL", 0, false)));
        assertEquals("Originate reason 0", AsteriskOutcomes.cause(new Failure(null, null, null, 0, false)));
    }

    @Test
    void sipCodeIsReadFromTheTechCause() {
        assertEquals(486, AsteriskOutcomes.sipCode("SIP 486 Busy Here"));
        assertNull(AsteriskOutcomes.sipCode(""));
        assertNull(AsteriskOutcomes.sipCode(null));
    }
}

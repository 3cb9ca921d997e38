package io.dialer.dialing;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.AnswerKind;
import io.dialer.telephony.CallEvent;

/** Gives an ended call its one technical result, from what the carrier said and what the loop did with the call. */
final class CallResolver {

    private CallResolver() {
    }

    static ResultCode resolve(LiveCall call, CallEvent.Ended end, boolean agentless) {
        if (call.answeredAt == null) {
            if (call.cancelled && (end.networkResult() == null || end.networkResult() == ResultCode.CANCELLED)) {
                return ResultCode.CANCELLED;
            }
            return end.networkResult() == null ? ResultCode.NETWORK_ERROR : end.networkResult();
        }
        if (end.networkResult() != null && end.networkResult() != ResultCode.CANCELLED) {
            // the far end revealed what it was: a machine heard by the agent, a fax, dead air
            return end.networkResult();
        }
        AnswerKind kind = call.answerKind == null ? AnswerKind.UNCLASSIFIED : call.answerKind;
        switch (kind) {
            case MACHINE:
                return call.messageLeft ? ResultCode.ANSWERING_MACHINE_MESSAGE_LEFT : ResultCode.ANSWERING_MACHINE;
            case FAX:
                return ResultCode.FAX;
            case SILENCE:
                return ResultCode.DEAD_AIR;
            default:
                break;
        }
        if (agentless) {
            if (call.survey) {
                // no valid answer: the person hung up, or keyed nothing valid in all tries
                return call.surveyAnswer != null ? ResultCode.IVR_COMPLETED : ResultCode.IVR_ABANDONED;
            }
            return call.messageLeft ? ResultCode.AGENTLESS_DELIVERED : ResultCode.IVR_ABANDONED;
        }
        if (call.connectedAt != null) {
            return ResultCode.CONNECTED;
        }
        if (call.phase == LiveCall.Phase.ABANDONING) {
            return ResultCode.ABANDONED;
        }
        return ResultCode.CUSTOMER_HANGUP_BEFORE_CONNECT;
    }
}

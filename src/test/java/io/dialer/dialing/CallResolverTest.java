package io.dialer.dialing;

import io.dialer.contact.Contact;
import io.dialer.contact.ContactState;
import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.AnswerKind;
import io.dialer.telephony.CallEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallResolverTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    private static LiveCall call() {
        Contact c = new Contact(UUID.randomUUID(), "t", UUID.randomUUID(), "x", null, null, null, 0, null, null, null, null,
                List.of(), ContactState.DIALING, 0, null, null, T, T, null, null);
        return new LiveCall(UUID.randomUUID(), c, 0, "+13125550100", T, false, LiveCall.Phase.RINGING);
    }

    private static CallEvent.Ended end(ResultCode network, CallEvent.HangupBy by) {
        return new CallEvent.Ended("id", T.plusSeconds(30), network, by, null);
    }

    private static LiveCall answered(AnswerKind kind, LiveCall.Phase phase) {
        LiveCall c = call();
        c.answeredAt = T.plusSeconds(5);
        c.answerKind = kind;
        c.phase = phase;
        return c;
    }

    @Test
    void unansweredCallsTakeTheNetworksResult() {
        assertEquals(ResultCode.BUSY, CallResolver.resolve(call(), end(ResultCode.BUSY, CallEvent.HangupBy.NETWORK), false));
        assertEquals(ResultCode.NO_ANSWER, CallResolver.resolve(call(), end(ResultCode.NO_ANSWER, CallEvent.HangupBy.NETWORK), false));
        LiveCall cancelled = call();
        cancelled.cancelled = true;
        assertEquals(ResultCode.CANCELLED, CallResolver.resolve(cancelled, end(ResultCode.CANCELLED, CallEvent.HangupBy.DIALER), false));
        assertEquals(ResultCode.NETWORK_ERROR, CallResolver.resolve(call(), end(null, CallEvent.HangupBy.NETWORK), false));
    }

    @Test
    void peopleAreConnectedAbandonedOrHangUpFirst() {
        LiveCall talked = answered(AnswerKind.HUMAN, LiveCall.Phase.TALKING);
        talked.connectedAt = T.plusSeconds(6);
        assertEquals(ResultCode.CONNECTED, CallResolver.resolve(talked, end(null, CallEvent.HangupBy.CUSTOMER), false));
        assertEquals(ResultCode.ABANDONED, CallResolver.resolve(answered(AnswerKind.HUMAN, LiveCall.Phase.ABANDONING),
                end(null, CallEvent.HangupBy.DIALER), false));
        assertEquals(ResultCode.CUSTOMER_HANGUP_BEFORE_CONNECT, CallResolver.resolve(
                answered(AnswerKind.UNCLASSIFIED, LiveCall.Phase.WAITING), end(null, CallEvent.HangupBy.CUSTOMER), false));
        LiveCall machineAtAgent = answered(AnswerKind.UNCLASSIFIED, LiveCall.Phase.TALKING);
        machineAtAgent.connectedAt = T.plusSeconds(6);
        assertEquals(ResultCode.ANSWERING_MACHINE, CallResolver.resolve(machineAtAgent,
                end(ResultCode.ANSWERING_MACHINE, CallEvent.HangupBy.DIALER), false));
    }

    @Test
    void machinesFaxesAndAgentlessMessages() {
        assertEquals(ResultCode.ANSWERING_MACHINE, CallResolver.resolve(answered(AnswerKind.MACHINE, LiveCall.Phase.HANDLED_BY_DIALER),
                end(null, CallEvent.HangupBy.DIALER), false));
        LiveCall message = answered(AnswerKind.MACHINE, LiveCall.Phase.HANDLED_BY_DIALER);
        message.messageLeft = true;
        assertEquals(ResultCode.ANSWERING_MACHINE_MESSAGE_LEFT, CallResolver.resolve(message, end(null, CallEvent.HangupBy.DIALER), false));
        assertEquals(ResultCode.FAX, CallResolver.resolve(answered(AnswerKind.FAX, LiveCall.Phase.HANDLED_BY_DIALER),
                end(ResultCode.FAX, CallEvent.HangupBy.DIALER), false));
        assertEquals(ResultCode.DEAD_AIR, CallResolver.resolve(answered(AnswerKind.SILENCE, LiveCall.Phase.HANDLED_BY_DIALER),
                end(null, CallEvent.HangupBy.DIALER), false));
        LiveCall delivered = answered(AnswerKind.UNCLASSIFIED, LiveCall.Phase.HANDLED_BY_DIALER);
        delivered.messageLeft = true;
        assertEquals(ResultCode.AGENTLESS_DELIVERED, CallResolver.resolve(delivered, end(null, CallEvent.HangupBy.DIALER), true));
    }
}

package io.dialer.telephony.asterisk;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.ChallengeAction;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.CoreSettingsAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.LoginAction;
import org.asteriskjava.manager.action.LogoffAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.AbstractChannelStateEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ChallengeResponse;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.CoreSettingsResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.List;

/**
 * What asterisk-java needs to work in a native executable, for the AMI traffic the dialer uses.
 *
 * <p>asterisk-java reads actions through their getters and fills responses and events through their setters and
 * {@code (Object source)} constructors, all by reflection: those classes, with their superclasses (whose methods
 * they inherit), are registered here. It also finds its built-in event classes by scanning the class path
 * (org.reflections), which finds nothing in a native executable: there {@link #registerEvents} registers the
 * events the dialer reads on each connection itself (in the JVM the scan finds them all and nothing is added).
 */
@RegisterForReflection(targets = {
        AbstractManagerAction.class, ChallengeAction.class, CommandAction.class, CoreSettingsAction.class,
        CoreShowChannelsAction.class, EventsAction.class, HangupAction.class, LoginAction.class, LogoffAction.class,
        OriginateAction.class, PingAction.class,
        ManagerResponse.class, ManagerError.class, ChallengeResponse.class, CommandResponse.class,
        CoreSettingsResponse.class,
        ManagerEvent.class, ResponseEvent.class, AbstractChannelEvent.class, AbstractChannelStateEvent.class,
        ConnectEvent.class, DisconnectEvent.class, ProtocolIdentifierReceivedEvent.class, FullyBootedEvent.class,
        HangupEvent.class, NewStateEvent.class, DialStateEvent.class, DialBeginEvent.class, DialEvent.class,
        OriginateResponseEvent.class, CoreShowChannelEvent.class, CoreShowChannelsCompleteEvent.class })
final class AsteriskNativeSupport {

    /** The AMI events the carrier reads (AsteriskCarrier, AmiServer) and the ones the connection itself waits for. */
    static final List<Class<? extends ManagerEvent>> EVENTS = List.of(
            OriginateResponseEvent.class, HangupEvent.class, NewStateEvent.class, DialStateEvent.class,
            DialBeginEvent.class, DialEvent.class, CoreShowChannelEvent.class, CoreShowChannelsCompleteEvent.class,
            FullyBootedEvent.class);

    private AsteriskNativeSupport() {
    }

    static void registerEvents(ManagerConnection connection) {
        if (ImageMode.current() != ImageMode.NATIVE_RUN) {
            return;
        }
        for (Class<? extends ManagerEvent> event : EVENTS) {
            connection.registerUserEventClass(event);
        }
    }
}

package io.dialer.telephony.asterisk;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.SendActionCallback;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.jboss.logging.Logger;

/**
 * One Asterisk server's AMI connection (asterisk-java's plain ManagerConnection). It logs in with backoff until it
 * succeeds and never gives up; asterisk-java reconnects a lost connection by itself, and a watchdog logs in again if
 * it stopped trying. Each time the connection (re)opens, {@link Listener#connected} runs, off the event thread.
 */
final class AmiServer implements ManagerEventListener {

    private static final Logger LOG = Logger.getLogger(AmiServer.class);
    private static final Duration WATCHDOG = Duration.ofSeconds(2);

    interface Listener {
        /** The connection is (again) up: time to reconcile this server's calls. Runs on the carrier's scheduler. */
        void connected(AmiServer server);

        void disconnected(AmiServer server);

        /** An AMI event; runs on asterisk-java's event thread, so it must not block. */
        void event(AmiServer server, ManagerEvent event);
    }

    final String name;
    private final ManagerConnection connection;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final AsteriskSettings.Backoff backoff;
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private volatile boolean up;
    /** Bumped each time the connection comes up; a call remembers the generation it was placed in. */
    private volatile long generation;
    private volatile boolean loggingIn;
    private volatile boolean closed;
    private volatile String lastError = "not connected yet";
    private Duration nextWait;

    AmiServer(String name, AsteriskSettings.Server server, AsteriskSettings.Backoff backoff, Listener listener,
              ScheduledExecutorService scheduler) {
        this.name = name;
        this.connection = new ManagerConnectionFactory(server.host(), server.port(), server.username(),
                server.secret()).createManagerConnection();
        this.listener = listener;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.nextWait = backoff.first();
        AsteriskNativeSupport.registerEvents(connection);
        connection.addEventListener(this);
    }

    void start() {
        scheduler.execute(this::logIn);
        scheduler.scheduleWithFixedDelay(this::watch, WATCHDOG.toMillis(), WATCHDOG.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isUp() {
        return up && connection.getState() == ManagerConnectionState.CONNECTED;
    }

    String lastError() {
        return lastError;
    }

    long generation() {
        return generation;
    }

    AtomicInteger callsInFlight() {
        return callsInFlight;
    }

    /** Sends an action; the callback gets the response, or the send fails at once with an exception. */
    void send(ManagerAction action, SendActionCallback callback) throws java.io.IOException {
        connection.sendAction(action, callback);
    }

    /** Hangs up a channel by its Uniqueid (Asterisk accepts one where a channel name is expected). */
    void hangup(String uniqueId) {
        if (!isUp()) {
            LOG.warnf("AMI %s: cannot hang up %s, not connected", name, uniqueId);
            return;
        }
        try {
            connection.sendAction(new HangupAction(uniqueId), response -> { });
        } catch (Exception e) {
            LOG.warnf("AMI %s: hangup of %s failed: %s", name, uniqueId, e.toString());
        }
    }

    /** Uniqueids of every channel the server has now. Blocks; never call it on the event thread. */
    Set<String> channels() throws Exception {
        ResponseEvents events = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 10_000);
        Set<String> ids = new HashSet<>();
        for (ResponseEvent event : events.getEvents()) {
            if (event instanceof CoreShowChannelEvent channel) {
                ids.add(channel.getUniqueid());
            }
        }
        return ids;
    }

    void close() {
        closed = true;
        up = false;
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED) {
                connection.logoff();
            }
        } catch (RuntimeException e) {
            LOG.debugf("AMI %s: logoff: %s", name, e.toString());
        }
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            wentDown("connection lost");
        } else if (event instanceof ConnectEvent) {
            // asterisk-java's own reconnect has logged in again
            scheduler.execute(this::cameUp);
        } else {
            listener.event(this, event);
        }
    }

    private void logIn() {
        if (closed || loggingIn || connection.getState() == ManagerConnectionState.CONNECTED) {
            return;
        }
        loggingIn = true;
        try {
            connection.login();
            nextWait = backoff.first();
            cameUp();
        } catch (Exception e) {
            lastError = e.toString();
            Duration wait = nextWait;
            nextWait = nextWait.multipliedBy(2).compareTo(backoff.max()) > 0 ? backoff.max() : nextWait.multipliedBy(2);
            LOG.warnf("AMI %s: login failed (%s); next try in %s", name, e.toString(), wait);
            if (!closed) {
                scheduler.schedule(this::logIn, wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            loggingIn = false;
        }
    }

    /** Logs in again when asterisk-java has given up (or never managed) and marks the server up when it is back. */
    private void watch() {
        if (closed) {
            return;
        }
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED && !up) {
            cameUp();
        } else if (state != ManagerConnectionState.CONNECTED && up) {
            wentDown("connection state " + state);
        }
        if ((state == ManagerConnectionState.DISCONNECTED || state == ManagerConnectionState.INITIAL) && !loggingIn) {
            logIn();
        }
    }

    private synchronized void cameUp() {
        if (closed || up || connection.getState() != ManagerConnectionState.CONNECTED) {
            return;
        }
        generation++;
        up = true;
        lastError = null;
        LOG.infof("AMI %s: connected", name);
        listener.connected(this);
    }

    private synchronized void wentDown(String why) {
        if (!up) {
            return;
        }
        up = false;
        lastError = why;
        LOG.warnf("AMI %s: %s", name, why);
        listener.disconnected(this);
    }
}

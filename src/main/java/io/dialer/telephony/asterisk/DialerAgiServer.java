package io.dialer.telephony.asterisk;

import java.io.IOException;
import java.net.InetAddress;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.jboss.logging.Logger;

/**
 * The FastAGI server Asterisk calls into ({@code agi://<host:port>/call} and {@code /ended}). Each answered call holds
 * one of its threads while it waits for the dialer, so the pool is as large as the calls a server may carry.
 */
final class DialerAgiServer {

    private static final Logger LOG = Logger.getLogger(DialerAgiServer.class);

    private final DefaultAgiServer server;
    private final String where;
    private volatile IOException failure;

    DialerAgiServer(String bindHost, int port, int maxThreads, AgiScript call, AgiScript ended) throws IOException {
        server = new DefaultAgiServer((request, channel) -> {
            String script = request.getScript();
            if (script != null && script.startsWith("ended")) {
                return ended;
            }
            return script != null && script.startsWith("call") ? call : null;
        });
        server.setAddress(InetAddress.getByName(bindHost));
        server.setPort(port);
        server.setPoolSize(8);
        server.setMaximumPoolSize(maxThreads);
        where = bindHost + ":" + port;
    }

    void start() {
        Thread thread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
                LOG.errorf("FastAGI server on %s failed: %s", where, e.toString());
            }
        }, "dialer-fastagi");
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the server is not listening, or null. */
    String problem() {
        return failure == null ? null : "FastAGI server on " + where + ": " + failure.getMessage();
    }

    void stop() {
        try {
            server.shutdown();
        } catch (IllegalStateException alreadyStopped) {
            // nothing to stop
        }
    }
}

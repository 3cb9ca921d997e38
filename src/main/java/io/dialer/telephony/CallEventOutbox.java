package io.dialer.telephony;

import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * One call's events on their way to its listener: delivered in order, one at a time, and never under the lock of the
 * call's state, so that a listener may call back into its carrier. A listener that throws is logged and skipped.
 */
public final class CallEventOutbox {

    private static final Logger LOG = Logger.getLogger(CallEventOutbox.class);

    private final String callId;
    private final CallListener listener;
    private final ArrayDeque<CallEvent> queue = new ArrayDeque<>();
    private boolean delivering;

    public CallEventOutbox(String callId, CallListener listener) {
        this.callId = callId;
        this.listener = listener;
    }

    /** Queues an event; true when nobody is delivering, so the caller should see that {@link #drain()} runs. */
    public synchronized boolean offer(CallEvent event) {
        queue.add(event);
        return !delivering;
    }

    /** Delivers the queued events unless another thread (or an outer frame of this one) is already doing so. */
    public void drain() {
        synchronized (this) {
            if (delivering) {
                return;
            }
            delivering = true;
        }
        while (true) {
            CallEvent event;
            synchronized (this) {
                event = queue.poll();
                if (event == null) {
                    delivering = false;
                    return;
                }
            }
            try {
                listener.on(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.warnf(e, "call %s: listener failed on %s", callId, event);
            }
        }
    }
}

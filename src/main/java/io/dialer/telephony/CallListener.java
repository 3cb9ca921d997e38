package io.dialer.telephony;

/** Receives a call's events; implementations hand them over to the campaign loop and return quickly. */
@FunctionalInterface
public interface CallListener {
    void on(CallEvent event);
}

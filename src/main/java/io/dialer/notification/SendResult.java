package io.dialer.notification;

/** How one sending try ended: sent, failed for now (retry), or failed for good. */
record SendResult(boolean sent, boolean permanent, Integer status, String error) {

    static SendResult ok(Integer status) {
        return new SendResult(true, false, status, null);
    }

    static SendResult retry(Integer status, String error) {
        return new SendResult(false, false, status, error);
    }

    static SendResult permanent(Integer status, String error) {
        return new SendResult(false, true, status, error);
    }
}

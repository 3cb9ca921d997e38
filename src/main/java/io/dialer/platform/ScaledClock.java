package io.dialer.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code scale} times faster than its base from an anchor: {@code anchorTime} at {@code anchorBase}.
 * A simulated campaign runs on one so that an 8-hour shift passes in minutes; scale 1 is real time.
 */
public final class ScaledClock extends Clock {

    private final Clock base;
    private final Instant anchorBase;
    private final Instant anchorTime;
    private final double scale;

    public ScaledClock(Clock base, Instant anchorBase, Instant anchorTime, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive");
        }
        this.base = base;
        this.anchorBase = anchorBase;
        this.anchorTime = anchorTime;
        this.scale = scale;
    }

    public static ScaledClock realTime(Clock base) {
        Instant now = base.instant();
        return new ScaledClock(base, now, now, 1.0);
    }

    public double scale() {
        return scale;
    }

    /** Real (base clock) nanoseconds that {@code seconds} of this clock take. */
    public long realNanos(double seconds) {
        return (long) Math.max(0, seconds * 1e9 / scale);
    }

    @Override
    public Instant instant() {
        long elapsedNanos = java.time.Duration.between(anchorBase, base.instant()).toNanos();
        return anchorTime.plusNanos(scale == 1.0 ? elapsedNanos : (long) (elapsedNanos * scale));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

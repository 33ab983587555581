package dev.easel.adapter.poll;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when {@link VirtualTimers} fires a timer (or a test says so). */
public final class VirtualClock extends Clock {

    private volatile long millis;

    public VirtualClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    /** Moves to {@code to}; never backwards. */
    void moveTo(long toMillis) {
        if (toMillis > millis) {
            millis = toMillis;
        }
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
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

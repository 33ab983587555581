package dev.easel.gateway.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds in an HdrHistogram (3 significant digits, up to an hour), safe to
 * record from several event loops. Percentiles are read in milliseconds.
 */
final class Latencies {

    private final Histogram histogram = new Histogram(TimeUnit.HOURS.toMicros(1), 3);

    synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), histogram.getHighestTrackableValue())));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percentile} (0-100) in milliseconds; 0 when nothing was recorded. */
    synchronized double ms(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMs() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    synchronized double meanMs() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMean() / 1000.0;
    }

    String describe() {
        return String.format("n=%d p50 %s, p90 %s, p99 %s, max %s", count(), format(ms(50)), format(ms(90)),
                format(ms(99)), format(maxMs()));
    }

    /** Milliseconds with the precision that matters at that scale: 0.312 ms, 12.4 ms, 10,840 ms. */
    static String format(double ms) {
        if (Math.abs(ms) < 10) {
            return String.format("%.3f ms", ms);
        }
        if (Math.abs(ms) < 1000) {
            return String.format("%.1f ms", ms);
        }
        return String.format("%,.0f ms", ms);
    }
}

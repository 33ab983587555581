package dev.easel.adapter.size;

/** Writes a ratio as a short {@code W:H} string for providers that take free ratios. */
final class RatioText {

    /** How far the written ratio may be from the value: 0.1%, ten times under the warning threshold. */
    static final double TOLERANCE = 0.001;

    private static final int MAX_TERM = 100_000;

    private RatioText() {
    }

    /**
     * The representation with the smallest short side whose value is within
     * {@link #TOLERANCE} of {@code value} and inside {@code [min, max]}: 1920x1080 gives
     * {@code 16:9}, 1000x700 gives {@code 10:7}, 1366x768 gives {@code 16:9}. Null if none
     * exists below {@link #MAX_TERM} (only for ranges narrower than the tolerance).
     */
    static String readable(double value, AspectRatio min, AspectRatio max) {
        boolean wide = value >= 1;
        double stretch = wide ? value : 1 / value;
        // Iterating the short side bounds the relative error by 1 / (2 * long side), so a
        // short side of 500 always suffices when the range is not in the way.
        for (long shortSide = 1; shortSide <= MAX_TERM; shortSide++) {
            long longSide = Math.round(shortSide * stretch);
            long w = wide ? longSide : shortSide;
            long h = wide ? shortSide : longSide;
            if (w < 1 || h < 1) {
                continue;
            }
            double written = (double) w / h;
            if (Math.abs(written / value - 1) <= TOLERANCE
                    && w * min.height() >= min.width() * h
                    && w * max.height() <= max.width() * h) {
                long g = gcd(w, h);
                return (w / g) + ":" + (h / g);
            }
        }
        return null;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}

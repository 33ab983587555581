package dev.easel.adapter.size;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the best free width x height under the choice rule without enumerating every pair:
 * for a fixed width the ratio error is unimodal in the height, so only the two allowed
 * heights around {@code width / r} can be ratio-optimal. Every ratio-optimal pair is thus
 * among at most two candidates per width, and {@link Choice} picks among them.
 */
final class FreeDimensionSolver {

    private FreeDimensionSolver() {
    }

    /**
     * @param maxPixels 0 for no area limit
     * @param minRatio  null for no lower limit on width/height
     * @param maxRatio  null for no upper limit on width/height
     */
    static Candidate best(int min, int max, int multipleOf, long maxPixels, AspectRatio minRatio,
                          AspectRatio maxRatio, Target target) {
        long lo = ceilTo(min, multipleOf);
        long hi = floorTo(max, multipleOf);
        List<Candidate> candidates = new ArrayList<>();
        for (long w = lo; w <= hi; w += multipleOf) {
            long hLo = lo;
            long hHi = hi;
            if (maxRatio != null) {
                // w / h <= a / b  <=>  h >= w * b / a
                hLo = Math.max(hLo, Math.floorDiv(-w * maxRatio.height(), maxRatio.width()) * -1);
            }
            if (minRatio != null) {
                // w / h >= c / d  <=>  h <= w * d / c
                hHi = Math.min(hHi, Math.floorDiv(w * minRatio.height(), minRatio.width()));
            }
            if (maxPixels > 0) {
                hHi = Math.min(hHi, maxPixels / w);
            }
            hLo = ceilTo(hLo, multipleOf);
            hHi = floorTo(hHi, multipleOf);
            if (hLo > hHi) {
                continue;
            }
            double ideal = Math.min(w / target.ratio(), (double) hHi + multipleOf);
            long below = clamp(floorTo((long) Math.floor(ideal), multipleOf), hLo, hHi);
            long above = clamp(below + multipleOf, hLo, hHi);
            candidates.add(Candidate.pixels(new Dim((int) w, (int) below)));
            if (above != below) {
                candidates.add(Candidate.pixels(new Dim((int) w, (int) above)));
            }
        }
        if (candidates.isEmpty()) {
            throw new UnsupportedSizeException("size", "this route's size limits admit no size (sides " + min + ".."
                    + max + ", multiple of " + multipleOf + ", ratio " + minRatio + ".." + maxRatio + ", max pixels "
                    + maxPixels + ")");
        }
        return Choice.best(candidates, target);
    }

    static long ceilTo(long value, long multiple) {
        return Math.floorDiv(value + multiple - 1, multiple) * multiple;
    }

    static long floorTo(long value, long multiple) {
        return Math.floorDiv(value, multiple) * multiple;
    }

    private static long clamp(long value, long lo, long hi) {
        return Math.max(lo, Math.min(hi, value));
    }
}

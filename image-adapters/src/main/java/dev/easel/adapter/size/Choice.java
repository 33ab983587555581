package dev.easel.adapter.size;

import java.util.List;

/**
 * The one choice rule, applied to a list of candidates:
 * <ol>
 *   <li>keep the candidates whose ratio error {@code |ln r - ln r_opt|} is within
 *       {@link #EPSILON} of the smallest;</li>
 *   <li>of those, keep the ones whose area error {@code |ln A - ln A_opt|} is within
 *       {@link #EPSILON} of the smallest;</li>
 *   <li>break what is left by: a preset before a custom size, then the smaller area (cheaper,
 *       and further from every limit), then the wider ratio, then declaration order.</li>
 * </ol>
 * The two-stage filter (instead of a pairwise comparison with a tolerance) keeps the rule a
 * well-defined minimum, which is what the property tests check by brute force.
 */
final class Choice {

    /**
     * Only absorbs floating-point noise: distinct ratios of integers below 2^16 differ by far
     * more than this in log space, so ties are exact ties.
     */
    static final double EPSILON = 1e-12;

    private Choice() {
    }

    static Candidate best(List<Candidate> candidates, Target target) {
        if (candidates.isEmpty()) {
            throw new UnsupportedSizeException("size", "this route accepts no size at all");
        }
        double bestRatio = Double.POSITIVE_INFINITY;
        for (Candidate c : candidates) {
            bestRatio = Math.min(bestRatio, target.ratioError(c.ratio()));
        }
        double bestArea = Double.POSITIVE_INFINITY;
        for (Candidate c : candidates) {
            if (target.ratioError(c.ratio()) <= bestRatio + EPSILON) {
                bestArea = Math.min(bestArea, target.areaError(c.area()));
            }
        }
        Candidate chosen = null;
        for (Candidate c : candidates) {
            if (target.ratioError(c.ratio()) <= bestRatio + EPSILON
                    && target.areaError(c.area()) <= bestArea + EPSILON
                    && (chosen == null || breaksTie(c, chosen))) {
                chosen = c;
            }
        }
        return chosen;
    }

    /** Whether {@code c} wins an exact tie against the earlier {@code chosen}. */
    private static boolean breaksTie(Candidate c, Candidate chosen) {
        if (c.preset() != chosen.preset()) {
            return c.preset();
        }
        if (!Double.isNaN(c.area()) && !Double.isNaN(chosen.area()) && c.area() != chosen.area()) {
            return c.area() < chosen.area();
        }
        return c.ratio() > chosen.ratio();
    }
}

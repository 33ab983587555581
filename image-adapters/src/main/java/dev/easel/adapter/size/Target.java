package dev.easel.adapter.size;

/**
 * What the choice rule aims at: a width/height ratio and an area in pixels. The area is NaN
 * when nothing defines one (a ratio-only style with no table and no megapixels).
 */
record Target(double ratio, double area) {

    Target {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("target ratio must be positive, got " + ratio);
        }
    }

    /** |ln r - ln r_opt|: a ratio twice too wide is as wrong as one twice too tall. */
    double ratioError(double optionRatio) {
        return Math.abs(Math.log(optionRatio) - Math.log(ratio));
    }

    /**
     * |ln A - ln A_opt|: half the area is as wrong as twice the area. Zero when either side
     * is unknown, so that the ratio alone decides.
     */
    double areaError(double optionArea) {
        if (Double.isNaN(area) || Double.isNaN(optionArea)) {
            return 0;
        }
        return Math.abs(Math.log(optionArea) - Math.log(area));
    }
}

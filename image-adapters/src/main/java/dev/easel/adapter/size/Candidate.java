package dev.easel.adapter.size;

import java.util.Objects;

/**
 * One thing a style accepts, with what the choice rule compares.
 *
 * @param sent     what would be sent upstream
 * @param expected the dimensions the provider is expected to deliver, or null if unknown
 * @param ratio    the option's nominal width/height ratio (a ratio enum's {@code 16:9}, not
 *                 its table's 1344x768)
 * @param area     the option's nominal area in pixels, NaN if unknown
 * @param preset   a named preset, preferred over an equally good custom size
 */
record Candidate(UpstreamSize sent, Dim expected, double ratio, double area, boolean preset) {

    Candidate {
        Objects.requireNonNull(sent, "sent");
    }

    static Candidate pixels(Dim dims) {
        return new Candidate(new UpstreamSize.Pixels(dims), dims, dims.ratio(), dims.pixels(), false);
    }
}

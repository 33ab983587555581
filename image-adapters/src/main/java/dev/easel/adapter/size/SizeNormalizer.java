package dev.easel.adapter.size;

import dev.easel.adapter.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one choice rule for every size style (README "Size styles").
 *
 * <p><b>Target.</b> Ratio {@code r}: the requested pixels' ratio, else the requested aspect
 * ratio, else the style's default ratio. Area {@code A}: the requested pixels' area, else
 * the resolution tier's area ({@link Resolution#pixels()}), else the style's default area.
 *
 * <p><b>Choice.</b> The option with the smallest {@code |ln r - ln r_opt|}; among exact ties,
 * the smallest {@code |ln A - ln A_opt|}; then a preset before a custom size, the smaller
 * area, the wider ratio, declaration order ({@link Choice}). Ratio-enum options are compared
 * by their nominal ratio ({@code 16:9}) and nominal area (table area scaled by the tier's
 * megapixel ratio, or megapixels x {@link #MEGAPIXEL}). Free width/height styles are solved
 * exactly over every allowed pair ({@link FreeDimensionSolver}). A free ratio is the requested
 * ratio clamped into the allowed range, written short ({@link RatioText}).
 *
 * <p><b>Auto.</b> The style's default, unchanged: a fixed list with {@code auto: true} sends
 * nothing and expects nothing; every other style sends its default size, preset, ratio and
 * tier.
 *
 * <p><b>Warnings</b> ({@code size_adjusted}), never for auto: param {@code size} when the
 * expected pixels differ from the requested ones; {@code aspect_ratio} when the delivered
 * ratio is more than 1% off; {@code resolution} when the delivered area is more than 10% off
 * the tier's area (provider tables are not exact multiples of 1024x1024).
 */
public final class SizeNormalizer {

    /**
     * One catalog megapixel is 1024x1024 pixels, so that tiers line up with
     * {@link Resolution}: 1 MP is 1K, 4 MP is 2K. Providers count this way too (FLUX 1 MP
     * at 1:1 is 1024x1024, ultra's 4 MP at 16:9 is about 2752x1536).
     */
    public static final long MEGAPIXEL = 1L << 20;

    /** Computed and scaled dimensions are rounded to this: what the providers deliver. */
    static final int EXPECTED_MULTIPLE = 16;

    static final double RATIO_WARNING = 0.01;
    static final double AREA_WARNING = 0.10;

    private SizeNormalizer() {
    }

    /**
     * @throws UnsupportedSizeException when the style admits nothing close (rare: requests
     *                                  beyond a style's bounds are clamped, not refused)
     */
    public static NormalizedSize normalize(RequestedSize requested, SizeStyle style) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(style, "style");
        if (requested.isAuto()) {
            return auto(style);
        }
        Target target = new Target(
                requested.ratio() == null && requested.pixels() == null ? style.defaultRatioValue()
                        : requested.ratioValue(),
                requested.pixels() != null ? requested.pixels().pixels()
                        : requested.resolution() != null ? requested.resolution().pixels() : style.defaultArea());
        Candidate chosen = style.best(target);
        return new NormalizedSize(chosen.sent(), chosen.expected(), warnings(requested, chosen));
    }

    private static NormalizedSize auto(SizeStyle style) {
        Candidate chosen = style.defaultOption();
        return new NormalizedSize(chosen.sent(), chosen.expected(), List.of());
    }

    static Candidate preset(String name, Dim dims) {
        return new Candidate(new UpstreamSize.Preset(name, dims), dims, dims.ratio(), dims.pixels(), true);
    }

    static Candidate freeRatio(SizeStyle.FreeRatio style, String ratio) {
        double value = AspectRatio.parse(ratio).value();
        double area = style.megapixels() * MEGAPIXEL;
        return new Candidate(new UpstreamSize.Ratio(ratio, null), fromRatioAndArea(value, area), value, area, false);
    }

    /**
     * A ratio-enum option. Its area is, in order: the ratio's table entry (published for the
     * default tier) scaled by the tier's megapixels over the default tier's; else the tier's
     * megapixels; else the style's megapixels; else the default ratio's (or first) table
     * entry; else unknown. Its expected dimensions are the table entry (scaled by the square
     * root of that megapixel ratio and rounded to a multiple of 16 for other tiers), else
     * computed from ratio and area, rounded to multiples of 16.
     */
    static Candidate ratioOption(SizeStyle.RatioChoice style, String ratio, String tier) {
        double value = AspectRatio.parse(ratio).value();
        Map<String, Double> tiers = style.tiers();
        double tierScale = tier == null ? 1.0 : tiers.get(tier) / tiers.get(style.defaultTier());
        Dim table = style.pixels().get(ratio);
        double area;
        Dim expected;
        if (table != null) {
            area = table.pixels() * tierScale;
            expected = tierScale == 1.0 ? table : new Dim(
                    roundToMultiple(table.width() * Math.sqrt(tierScale)),
                    roundToMultiple(table.height() * Math.sqrt(tierScale)));
        } else {
            if (tier != null) {
                area = tiers.get(tier) * MEGAPIXEL;
            } else if (style.megapixels() != null) {
                area = style.megapixels() * MEGAPIXEL;
            } else if (!style.pixels().isEmpty()) {
                Dim reference = style.pixels().getOrDefault(style.defaultRatio(),
                        style.pixels().values().iterator().next());
                area = reference.pixels();
            } else {
                area = Double.NaN;
            }
            expected = Double.isNaN(area) ? null : fromRatioAndArea(value, area);
        }
        return new Candidate(new UpstreamSize.Ratio(ratio, tier), expected, value, area, false);
    }

    /** Dimensions of the given ratio and area, each side a multiple of 16 (at least 16). */
    static Dim fromRatioAndArea(double ratio, double area) {
        return new Dim(roundToMultiple(Math.sqrt(area * ratio)), roundToMultiple(Math.sqrt(area / ratio)));
    }

    private static int roundToMultiple(double side) {
        long rounded = Math.round(side / EXPECTED_MULTIPLE) * EXPECTED_MULTIPLE;
        return (int) Math.max(EXPECTED_MULTIPLE, Math.min(Integer.MAX_VALUE / 2, rounded));
    }

    private static List<Warning> warnings(RequestedSize requested, Candidate chosen) {
        Dim expected = chosen.expected();
        String delivered = expected != null ? expected + " (sent as " + chosen.sent() + ")" : chosen.sent().toString();
        if (requested.pixels() != null) {
            Dim asked = requested.pixels();
            if (asked.equals(expected)) {
                return List.of();
            }
            double ratio = expected != null ? expected.ratio() : chosen.ratio();
            return List.of(new Warning("size_adjusted", "size", String.format(Locale.ROOT,
                    "size %s is not available on this route; delivering %s, aspect ratio off by %.1f%%",
                    asked, delivered, 100 * Math.abs(ratio / asked.ratio() - 1))));
        }
        List<Warning> warnings = new ArrayList<>(2);
        if (requested.ratio() != null) {
            double ratio = expected != null ? expected.ratio() : chosen.ratio();
            double off = Math.abs(ratio / requested.ratio().value() - 1);
            if (off > RATIO_WARNING) {
                warnings.add(new Warning("size_adjusted", "aspect_ratio", String.format(Locale.ROOT,
                        "aspect ratio %s is not available on this route; delivering %s, %.1f%% off",
                        requested.ratio(), delivered, 100 * off)));
            }
        }
        if (requested.resolution() != null) {
            double area = expected != null ? expected.pixels() : chosen.area();
            double off = Math.abs(area / requested.resolution().pixels() - 1);
            if (!(off <= AREA_WARNING)) {
                warnings.add(new Warning("size_adjusted", "resolution", String.format(Locale.ROOT,
                        "resolution %s is not available on this route; delivering %s",
                        requested.resolution().label(), delivered)));
            }
        }
        return warnings;
    }
}

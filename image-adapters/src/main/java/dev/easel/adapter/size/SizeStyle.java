package dev.easel.adapter.size;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a route takes its size, as capability data. Written in the catalog under a route's
 * {@code size:} key with {@code style:} naming the variant (snake_case keys), and served the
 * same way by {@code GET /v1/models/{id}}. {@link SizeNormalizer} is the one place that
 * turns a {@link RequestedSize} into what a style accepts.
 *
 * <p>Every variant carries {@code @JsonNaming(SnakeCaseStrategy)}, so any {@code ObjectMapper}
 * reads and writes the catalog's keys ({@code default_size}, {@code multiple_of}) whatever its
 * own naming strategy; see {@link SizeStyles}. Maps keep the catalog's order, because the
 * normalizer breaks exact ties by declaration order.
 *
 * <p>Each style answers the normalizer's questions itself: its default option and the best
 * option for a target ({@link #defaultOption()}, {@link #best(Target)}), so a new style does
 * not compile until it answers them. Their types are package-private: only
 * {@link SizeNormalizer} asks; none of them is a catalog key (Jackson reads and writes the
 * record components only).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "style")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SizeStyle.AnySize.class, name = "any"),
        @JsonSubTypes.Type(value = SizeStyle.FixedSizes.class, name = "fixed"),
        @JsonSubTypes.Type(value = SizeStyle.Presets.class, name = "presets"),
        @JsonSubTypes.Type(value = SizeStyle.RatioChoice.class, name = "ratios"),
        @JsonSubTypes.Type(value = SizeStyle.FreeDimensions.class, name = "dimensions"),
        @JsonSubTypes.Type(value = SizeStyle.FreeRatio.class, name = "free_ratio"),
})
public sealed interface SizeStyle {

    /** What {@code auto} gets on this style: its default, unchanged. */
    Candidate defaultOption();

    /** The option the choice rule picks for {@code target} (see {@link SizeNormalizer}). */
    Candidate best(Target target);

    /** The ratio aimed at when only a resolution is requested: the default option's. */
    default double defaultRatioValue() {
        return defaultOption().ratio();
    }

    /** The area aimed at when only a ratio is requested: the default option's. */
    default double defaultArea() {
        return defaultOption().area();
    }

    /** Any width and height in {@code [min, max]}, each side (the local test-pattern). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AnySize(int min, int max, Dim defaultSize) implements SizeStyle {
        public AnySize {
            requireRange(min, max);
            Objects.requireNonNull(defaultSize, "default_size");
            if (!allows(defaultSize, min, max)) {
                throw new IllegalArgumentException("default_size " + defaultSize + " is outside " + min + ".." + max);
            }
        }

        private static boolean allows(Dim size, int min, int max) {
            return size.width() >= min && size.width() <= max && size.height() >= min && size.height() <= max;
        }

        @Override
        public Candidate defaultOption() {
            return Candidate.pixels(defaultSize);
        }

        @Override
        public Candidate best(Target target) {
            return FreeDimensionSolver.best(min, max, 1, 0, null, null, target);
        }
    }

    /** A closed list of pixel sizes (OpenAI dall-e-3, gpt-image-1). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FixedSizes(List<Dim> sizes, Dim defaultSize, boolean auto) implements SizeStyle {
        public FixedSizes {
            if (sizes == null || sizes.isEmpty()) {
                throw new IllegalArgumentException("sizes must not be empty");
            }
            sizes = List.copyOf(sizes);
            Objects.requireNonNull(defaultSize, "default_size");
            if (!sizes.contains(defaultSize)) {
                throw new IllegalArgumentException("default_size " + defaultSize + " is not one of the sizes");
            }
        }

        /** With {@code auto: true}, nothing is sent and nothing in particular expected. */
        @Override
        public Candidate defaultOption() {
            return auto ? new Candidate(new UpstreamSize.ProviderDefault(), null, defaultSize.ratio(),
                    defaultSize.pixels(), false) : Candidate.pixels(defaultSize);
        }

        @Override
        public Candidate best(Target target) {
            return Choice.best(sizes.stream().map(Candidate::pixels).toList(), target);
        }
    }

    /** Named presets, optionally plus free custom sizes (fal {@code image_size}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Presets(Map<String, Dim> presets, String defaultPreset, FreeDimensions custom) implements SizeStyle {
        public Presets {
            if (presets == null || presets.isEmpty()) {
                throw new IllegalArgumentException("presets must not be empty");
            }
            presets = ordered(presets);
            if (!presets.containsKey(defaultPreset)) {
                throw new IllegalArgumentException("default_preset '" + defaultPreset + "' is not one of the presets");
            }
        }

        @Override
        public Candidate defaultOption() {
            return SizeNormalizer.preset(defaultPreset, presets.get(defaultPreset));
        }

        @Override
        public Candidate best(Target target) {
            List<Candidate> candidates = new ArrayList<>();
            presets.forEach((name, dims) -> candidates.add(SizeNormalizer.preset(name, dims)));
            if (custom != null) {
                // The best custom size is the only custom one that can beat every preset.
                try {
                    candidates.add(custom.best(target));
                } catch (UnsupportedSizeException e) {
                    // Custom limits that admit nothing leave the presets, which always exist.
                }
            }
            return Choice.best(candidates, target);
        }
    }

    /**
     * An aspect-ratio enum, with an optional tier enum.
     *
     * @param ratios      the provider's ratio strings ({@code 16:9})
     * @param tiers       provider tier value to megapixels ({@code "2K": 4.0}; one megapixel is
     *                    1024x1024, see {@link SizeNormalizer#MEGAPIXEL}); empty if none
     * @param defaultTier the tier used when the user names none; null when there are no tiers
     * @param pixels      ratio to delivered pixels at the default tier, where the provider
     *                    publishes a table; other tiers scale by the square root of their
     *                    megapixel ratio
     * @param megapixels  approximate output area when there is no table and no tiers
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RatioChoice(List<String> ratios, String defaultRatio, Map<String, Double> tiers, String defaultTier,
                       Map<String, Dim> pixels, Double megapixels) implements SizeStyle {
        public RatioChoice {
            if (ratios == null || ratios.isEmpty()) {
                throw new IllegalArgumentException("ratios must not be empty");
            }
            ratios = List.copyOf(ratios);
            ratios.forEach(AspectRatio::parse);
            if (!ratios.contains(defaultRatio)) {
                throw new IllegalArgumentException("default_ratio '" + defaultRatio + "' is not one of the ratios");
            }
            tiers = tiers == null ? Map.of() : ordered(tiers);
            if (!tiers.isEmpty() && !tiers.containsKey(defaultTier)) {
                throw new IllegalArgumentException("default_tier '" + defaultTier + "' is not one of the tiers");
            }
            pixels = pixels == null ? Map.of() : ordered(pixels);
            for (String r : pixels.keySet()) {
                if (!ratios.contains(r)) {
                    throw new IllegalArgumentException("pixels has ratio '" + r + "' that is not one of the ratios");
                }
            }
            tiers.forEach((name, mp) -> {
                if (!(mp > 0)) {
                    throw new IllegalArgumentException("tier '" + name + "' needs positive megapixels, got " + mp);
                }
            });
            if (megapixels != null && !(megapixels > 0)) {
                throw new IllegalArgumentException("megapixels must be positive");
            }
        }

        @Override
        public Candidate defaultOption() {
            return SizeNormalizer.ratioOption(this, defaultRatio, defaultTier);
        }

        @Override
        public Candidate best(Target target) {
            List<Candidate> candidates = new ArrayList<>();
            for (String ratio : ratios) {
                if (tiers.isEmpty()) {
                    candidates.add(SizeNormalizer.ratioOption(this, ratio, null));
                } else {
                    for (String tier : tiers.keySet()) {
                        candidates.add(SizeNormalizer.ratioOption(this, ratio, tier));
                    }
                }
            }
            return Choice.best(candidates, target);
        }

        /** The default ratio, whether or not a tier is set. */
        @Override
        public double defaultRatioValue() {
            return AspectRatio.parse(defaultRatio).value();
        }

        /** The default option's area, at the default tier when there are tiers. */
        @Override
        public double defaultArea() {
            return SizeNormalizer.ratioOption(this, defaultRatio, tiers.isEmpty() ? null : defaultTier).area();
        }
    }

    /**
     * Free width and height: each side in {@code [min, max]} and a multiple of
     * {@code multipleOf}, area at most {@code maxPixels} (0 = no limit), width/height ratio
     * within {@code [minRatio, maxRatio]} (null = no limit).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FreeDimensions(int min, int max, int multipleOf, long maxPixels, String minRatio, String maxRatio,
                          Dim defaultSize) implements SizeStyle {
        public FreeDimensions {
            requireRange(min, max);
            if (multipleOf < 1) {
                throw new IllegalArgumentException("multiple_of must be >= 1");
            }
            if (maxPixels < 0) {
                throw new IllegalArgumentException("max_pixels must be >= 0");
            }
            if (minRatio != null && maxRatio != null) {
                requireRatioRange(minRatio, maxRatio);
            } else if (minRatio != null) {
                AspectRatio.parse(minRatio);
            } else if (maxRatio != null) {
                AspectRatio.parse(maxRatio);
            }
            if (defaultSize != null && !allows(defaultSize, min, max, multipleOf, maxPixels, minRatio, maxRatio)) {
                throw new IllegalArgumentException("default_size " + defaultSize + " breaks the size limits");
            }
        }

        /** Whether these limits accept {@code size}. */
        public boolean allows(Dim size) {
            return allows(size, min, max, multipleOf, maxPixels, minRatio, maxRatio);
        }

        @Override
        public Candidate defaultOption() {
            return defaultSize != null ? Candidate.pixels(defaultSize)
                    : best(new Target(defaultRatioValue(), defaultArea()));
        }

        @Override
        public Candidate best(Target target) {
            return FreeDimensionSolver.best(min, max, multipleOf, maxPixels,
                    minRatio == null ? null : AspectRatio.parse(minRatio),
                    maxRatio == null ? null : AspectRatio.parse(maxRatio), target);
        }

        /** Square when there is no default size (the default option is computed from this). */
        @Override
        public double defaultRatioValue() {
            return defaultSize != null ? defaultSize.ratio() : 1.0;
        }

        /** One megapixel when there is no default size (the default option is computed from this). */
        @Override
        public double defaultArea() {
            return defaultSize != null ? defaultSize.pixels() : SizeNormalizer.MEGAPIXEL;
        }

        // Static so that the compact constructor can call it before the fields are set.
        private static boolean allows(Dim size, int min, int max, int multipleOf, long maxPixels, String minRatio,
                                      String maxRatio) {
            int w = size.width();
            int h = size.height();
            return w >= min && w <= max && h >= min && h <= max
                    && w % multipleOf == 0 && h % multipleOf == 0
                    && (maxPixels == 0 || size.pixels() <= maxPixels)
                    && (minRatio == null || compare(size, AspectRatio.parse(minRatio)) >= 0)
                    && (maxRatio == null || compare(size, AspectRatio.parse(maxRatio)) <= 0);
        }
    }

    /** Any {@code W:H} ratio string within a range (BFL ultra and kontext). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FreeRatio(String minRatio, String maxRatio, String defaultRatio, double megapixels) implements SizeStyle {
        public FreeRatio {
            requireRatioRange(minRatio, maxRatio);
            AspectRatio dflt = AspectRatio.parse(defaultRatio);
            Dim asSize = new Dim(dflt.width(), dflt.height());
            if (compare(asSize, AspectRatio.parse(minRatio)) < 0 || compare(asSize, AspectRatio.parse(maxRatio)) > 0) {
                throw new IllegalArgumentException(
                        "default_ratio " + defaultRatio + " is outside " + minRatio + ".." + maxRatio);
            }
            if (megapixels <= 0) {
                throw new IllegalArgumentException("megapixels must be positive");
            }
        }

        @Override
        public Candidate defaultOption() {
            return SizeNormalizer.freeRatio(this, defaultRatio);
        }

        /** The requested ratio clamped into the range, written short. */
        @Override
        public Candidate best(Target target) {
            AspectRatio min = AspectRatio.parse(minRatio);
            AspectRatio max = AspectRatio.parse(maxRatio);
            // Clamped to a bound: send the bound as the catalog writes it (9:21, not 3:7).
            if (target.ratio() <= min.value()) {
                return SizeNormalizer.freeRatio(this, minRatio);
            }
            if (target.ratio() >= max.value()) {
                return SizeNormalizer.freeRatio(this, maxRatio);
            }
            String text = RatioText.readable(target.ratio(), min, max);
            if (text == null) {
                throw new UnsupportedSizeException("aspect_ratio", "no ratio between " + min + " and " + max
                        + " can be written close to " + target.ratio());
            }
            return SizeNormalizer.freeRatio(this, text);
        }
    }

    /** An immutable copy that keeps the catalog's order (Map.copyOf would not). */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(copy);
    }

    /** Sign of {@code size.ratio() - ratio.value()}, cross-multiplied to stay exact. */
    private static int compare(Dim size, AspectRatio ratio) {
        return Long.compare((long) size.width() * ratio.height(), (long) ratio.width() * size.height());
    }

    private static void requireRatioRange(String min, String max) {
        AspectRatio lo = AspectRatio.parse(min);
        AspectRatio hi = AspectRatio.parse(max);
        // Cross-multiplied so that 9:21 and 3:7 compare equal without rounding.
        if ((long) lo.width() * hi.height() > (long) hi.width() * lo.height()) {
            throw new IllegalArgumentException("min_ratio " + min + " is wider than max_ratio " + max);
        }
    }

    private static void requireRange(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, got min " + min + ", max " + max);
        }
    }
}

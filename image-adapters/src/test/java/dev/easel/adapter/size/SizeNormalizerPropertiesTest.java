package dev.easel.adapter.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.size.UpstreamSize.Pixels;
import dev.easel.adapter.size.UpstreamSize.Preset;
import dev.easel.adapter.size.UpstreamSize.Ratio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The normalizer's choice is optimal under the rule, checked by brute force: every option a
 * style accepts is enumerated (every width x height for free styles, kept small so that this
 * stays cheap), and the chosen one must be among them (so it satisfies the style's limits)
 * with the smallest ratio error and, among those, the smallest area error. The spec of the
 * target and of option areas is written here again, independently of the implementation.
 */
class SizeNormalizerPropertiesTest {

    private static final double TOLERANCE = 1e-9;

    record Option(UpstreamSize sent, double ratio, double area) {
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 3000)
    void should_choose_an_optimal_fixed_size_when_normalizing(@ForAll("fixed") SizeStyle style,
                                                              @ForAll("requests") RequestedSize requested) {
        checkOptimal(requested, style);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void should_choose_an_optimal_ratio_and_tier_when_normalizing(@ForAll("ratioChoices") SizeStyle style,
                                                                  @ForAll("requests") RequestedSize requested) {
        checkOptimal(requested, style);
    }

    @Property(tries = 1500)
    void should_choose_optimal_free_dimensions_when_normalizing(@ForAll("freeDimensions") SizeStyle style,
                                                                @ForAll("requests") RequestedSize requested) {
        checkOptimal(requested, style);
    }

    @Property(tries = 1000)
    void should_choose_an_optimal_any_size_when_normalizing(@ForAll("anySizes") SizeStyle style,
                                                            @ForAll("requests") RequestedSize requested) {
        checkOptimal(requested, style);
    }

    @Property(tries = 1500)
    void should_choose_an_optimal_preset_or_custom_size_when_normalizing(@ForAll("presets") SizeStyle style,
                                                                         @ForAll("requests") RequestedSize requested) {
        checkOptimal(requested, style);
    }

    @Property(tries = 3000)
    void should_send_the_clamped_ratio_within_0_1_percent_when_normalizing_a_free_ratio(
            @ForAll("freeRatios") SizeStyle style, @ForAll("requests") RequestedSize requested) {
        SizeStyle.FreeRatio free = (SizeStyle.FreeRatio) style;
        Ratio sent = (Ratio) SizeNormalizer.normalize(requested, free).sent();

        assertThat(sent.tier()).isNull();
        if (requested.isAuto()) {
            assertThat(sent.ratio()).isEqualTo(free.defaultRatio());
            return;
        }
        AspectRatio min = AspectRatio.parse(free.minRatio());
        AspectRatio max = AspectRatio.parse(free.maxRatio());
        AspectRatio written = AspectRatio.parse(sent.ratio());
        double r = requested.ratio() == null && requested.pixels() == null
                ? AspectRatio.parse(free.defaultRatio()).value() : requested.ratioValue();
        if (r <= min.value()) {
            assertThat(sent.ratio()).isEqualTo(free.minRatio());
        } else if (r >= max.value()) {
            assertThat(sent.ratio()).isEqualTo(free.maxRatio());
        } else {
            assertThat(Math.abs(written.value() / r - 1)).isLessThanOrEqualTo(0.001 + TOLERANCE);
            assertThat((long) written.width() * min.height()).isGreaterThanOrEqualTo((long) min.width() * written.height());
            assertThat((long) written.width() * max.height()).isLessThanOrEqualTo((long) max.width() * written.height());
            assertThat(gcd(written.width(), written.height())).isEqualTo(1);
        }
    }

    @Property(tries = 400)
    void should_choose_optimally_when_normalizing_for_a_catalog_route(@ForAll("catalogStyles") CatalogSizes.Named route,
                                                                      @ForAll("requests") RequestedSize requested) {
        checkOptimal(requested, route.style());
    }

    // ---------------------------------------------------------------- the check

    private static void checkOptimal(RequestedSize requested, SizeStyle style) {
        List<Option> options = enumerate(style);
        if (options.isEmpty()) {
            assertThatThrownBy(() -> SizeNormalizer.normalize(requested, style))
                    .isInstanceOf(UnsupportedSizeException.class);
            return;
        }
        NormalizedSize result = SizeNormalizer.normalize(requested, style);
        checkExpected(result);
        if (requested.isAuto()) {
            checkDefault(style, result);
            return;
        }
        double r = requested.pixels() != null ? requested.pixels().ratio()
                : requested.ratio() != null ? requested.ratio().value() : defaultRatio(style);
        double a = requested.pixels() != null ? requested.pixels().pixels()
                : requested.resolution() != null ? requested.resolution().pixels() : defaultArea(style);
        Option chosen = options.stream().filter(o -> o.sent().equals(result.sent())).findFirst().orElse(null);
        assertThat(chosen).as("%s is one of the style's options", result.sent()).isNotNull();

        double bestRatio = options.stream().mapToDouble(o -> ratioError(o, r)).min().orElseThrow();
        double bestArea = options.stream().filter(o -> ratioError(o, r) <= bestRatio + 1e-12)
                .mapToDouble(o -> areaError(o, a)).min().orElseThrow();
        assertThat(ratioError(chosen, r)).as("ratio error of %s", chosen).isLessThanOrEqualTo(bestRatio + TOLERANCE);
        assertThat(areaError(chosen, a)).as("area error of %s", chosen).isLessThanOrEqualTo(bestArea + TOLERANCE);
    }

    private static double ratioError(Option o, double r) {
        return Math.abs(Math.log(o.ratio()) - Math.log(r));
    }

    private static double areaError(Option o, double a) {
        return Double.isNaN(o.area()) || Double.isNaN(a) ? 0 : Math.abs(Math.log(o.area()) - Math.log(a));
    }

    private static void checkExpected(NormalizedSize result) {
        if (result.sent() instanceof Pixels pixels) {
            assertThat(result.expected()).isEqualTo(pixels.dims());
        } else if (result.sent() instanceof Preset preset) {
            assertThat(result.expected()).isEqualTo(preset.dims());
        }
    }

    private static void checkDefault(SizeStyle style, NormalizedSize result) {
        assertThat(result.warnings()).isEmpty();
        if (style instanceof SizeStyle.FixedSizes fixed) {
            assertThat(result.sent()).isEqualTo(fixed.auto() ? new UpstreamSize.ProviderDefault() : new Pixels(fixed.defaultSize()));
        } else if (style instanceof SizeStyle.AnySize any) {
            assertThat(result.sent()).isEqualTo(new Pixels(any.defaultSize()));
        } else if (style instanceof SizeStyle.Presets presets) {
            assertThat(result.sent()).isEqualTo(new Preset(presets.defaultPreset(), presets.presets().get(presets.defaultPreset())));
        } else if (style instanceof SizeStyle.RatioChoice ratios) {
            assertThat(result.sent()).isEqualTo(new Ratio(ratios.defaultRatio(), ratios.tiers().isEmpty() ? null : ratios.defaultTier()));
        } else if (style instanceof SizeStyle.FreeDimensions free && free.defaultSize() != null) {
            assertThat(result.sent()).isEqualTo(new Pixels(free.defaultSize()));
        }
    }

    // ---------------------------------------------------------------- the spec, by brute force

    private static List<Option> enumerate(SizeStyle style) {
        List<Option> options = new ArrayList<>();
        if (style instanceof SizeStyle.FixedSizes fixed) {
            fixed.sizes().forEach(d -> options.add(pixels(d)));
        } else if (style instanceof SizeStyle.AnySize any) {
            options.addAll(enumerate(new SizeStyle.FreeDimensions(any.min(), any.max(), 1, 0, null, null, null)));
        } else if (style instanceof SizeStyle.FreeDimensions free) {
            AspectRatio lo = free.minRatio() == null ? null : AspectRatio.parse(free.minRatio());
            AspectRatio hi = free.maxRatio() == null ? null : AspectRatio.parse(free.maxRatio());
            for (int w = free.min(); w <= free.max(); w++) {
                for (int h = free.min(); h <= free.max(); h++) {
                    boolean ok = w % free.multipleOf() == 0 && h % free.multipleOf() == 0
                            && (free.maxPixels() == 0 || (long) w * h <= free.maxPixels())
                            && (lo == null || (long) w * lo.height() >= (long) lo.width() * h)
                            && (hi == null || (long) w * hi.height() <= (long) hi.width() * h);
                    if (ok) {
                        options.add(pixels(new Dim(w, h)));
                    }
                }
            }
        } else if (style instanceof SizeStyle.Presets presets) {
            presets.presets().forEach((name, d) -> options.add(new Option(new Preset(name, d), d.ratio(), d.pixels())));
            if (presets.custom() != null) {
                options.addAll(enumerate(presets.custom()));
            }
        } else if (style instanceof SizeStyle.RatioChoice ratios) {
            for (String ratio : ratios.ratios()) {
                List<String> tiers = ratios.tiers().isEmpty() ? java.util.Collections.singletonList(null)
                        : List.copyOf(ratios.tiers().keySet());
                for (String tier : tiers) {
                    options.add(new Option(new Ratio(ratio, tier), AspectRatio.parse(ratio).value(), ratioArea(ratios, ratio, tier)));
                }
            }
        }
        return options;
    }

    private static Option pixels(Dim d) {
        return new Option(new Pixels(d), d.ratio(), d.pixels());
    }

    /** Generated ratio styles have a table for every ratio or for none. */
    private static double ratioArea(SizeStyle.RatioChoice style, String ratio, String tier) {
        double mp = 1 << 20;
        Dim table = style.pixels().get(ratio);
        if (table != null) {
            return tier == null ? table.pixels() : table.pixels() * style.tiers().get(tier) / style.tiers().get(style.defaultTier());
        }
        if (tier != null) {
            return style.tiers().get(tier) * mp;
        }
        return style.megapixels() != null ? style.megapixels() * mp : Double.NaN;
    }

    private static double defaultRatio(SizeStyle style) {
        if (style instanceof SizeStyle.FixedSizes fixed) {
            return fixed.defaultSize().ratio();
        } else if (style instanceof SizeStyle.AnySize any) {
            return any.defaultSize().ratio();
        } else if (style instanceof SizeStyle.FreeDimensions free) {
            return free.defaultSize() == null ? 1 : free.defaultSize().ratio();
        } else if (style instanceof SizeStyle.Presets presets) {
            return presets.presets().get(presets.defaultPreset()).ratio();
        }
        return AspectRatio.parse(((SizeStyle.RatioChoice) style).defaultRatio()).value();
    }

    private static double defaultArea(SizeStyle style) {
        if (style instanceof SizeStyle.FixedSizes fixed) {
            return fixed.defaultSize().pixels();
        } else if (style instanceof SizeStyle.AnySize any) {
            return any.defaultSize().pixels();
        } else if (style instanceof SizeStyle.FreeDimensions free) {
            return free.defaultSize() == null ? 1 << 20 : free.defaultSize().pixels();
        } else if (style instanceof SizeStyle.Presets presets) {
            return presets.presets().get(presets.defaultPreset()).pixels();
        }
        SizeStyle.RatioChoice ratios = (SizeStyle.RatioChoice) style;
        return ratioArea(ratios, ratios.defaultRatio(), ratios.tiers().isEmpty() ? null : ratios.defaultTier());
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<RequestedSize> requests() {
        Arbitrary<Dim> large = Combinators.combine(side(1, 6000), side(1, 6000)).as(Dim::new);
        Arbitrary<Dim> small = Combinators.combine(side(1, 300), side(1, 300)).as(Dim::new);
        Arbitrary<AspectRatio> ratios = Combinators.combine(side(1, 40), side(1, 40)).as(AspectRatio::new);
        Arbitrary<Resolution> tiers = Arbitraries.of(Resolution.class);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.oneOf(large, small).map(d -> new RequestedSize(d, null, null))),
                net.jqwik.api.Tuple.of(2, ratios.map(r -> new RequestedSize(null, r, null))),
                net.jqwik.api.Tuple.of(1, tiers.map(t -> new RequestedSize(null, null, t))),
                net.jqwik.api.Tuple.of(2, Combinators.combine(ratios, tiers).as((r, t) -> new RequestedSize(null, r, t))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(RequestedSize.AUTO)));
    }

    @Provide
    Arbitrary<SizeStyle> fixed() {
        return dims(8, 3000).list().ofMinSize(1).ofMaxSize(6).flatMap(sizes -> Combinators.combine(
                Arbitraries.of(sizes), Arbitraries.of(true, false)).as((d, auto) -> new SizeStyle.FixedSizes(sizes, d, auto)));
    }

    @Provide
    Arbitrary<SizeStyle> anySizes() {
        return Combinators.combine(side(1, 40), side(0, 100), dims(1, 200))
                .as((min, span, d) -> new SizeStyle.AnySize(min, min + span, new Dim(
                        Math.max(min, Math.min(min + span, d.width())), Math.max(min, Math.min(min + span, d.height())))));
    }

    @Provide
    Arbitrary<SizeStyle> freeDimensions() {
        return freeDims().map(s -> s);
    }

    private Arbitrary<SizeStyle.FreeDimensions> freeDims() {
        Arbitrary<Optional<AspectRatio>> bound = Combinators.combine(side(1, 8), side(1, 8)).as(AspectRatio::new)
                .optional(0.5);
        return Combinators.combine(side(1, 64), side(0, 150), side(1, 16), side(0, 40000).injectDuplicates(0),
                        bound, bound, dims(1, 300).injectNull(0.2))
                .as((min, span, multiple, maxPixels, a, b, d) -> {
                    AspectRatio lo = a.orElse(null);
                    AspectRatio hi = b.orElse(null);
                    if (lo != null && hi != null && lo.value() > hi.value()) {
                        AspectRatio t = lo;
                        lo = hi;
                        hi = t;
                    }
                    long limit = maxPixels < 15000 ? 0 : maxPixels;
                    SizeStyle.FreeDimensions limits = new SizeStyle.FreeDimensions(min, min + span, multiple, limit,
                            lo == null ? null : lo.toString(), hi == null ? null : hi.toString(), null);
                    // A default must satisfy the limits; a random one rarely does, so most get none.
                    return d == null || !limits.allows(d) ? limits : new SizeStyle.FreeDimensions(min, min + span,
                            multiple, limit, limits.minRatio(), limits.maxRatio(), d);
                });
    }

    @Provide
    Arbitrary<SizeStyle> presets() {
        return dims(8, 300).list().ofMinSize(1).ofMaxSize(5).flatMap(list -> {
            Map<String, Dim> presets = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                presets.put("p" + i, list.get(i));
            }
            return Combinators.combine(Arbitraries.of(presets.keySet()), freeDims().injectNull(0.3))
                    .as((name, custom) -> new SizeStyle.Presets(presets, name, custom));
        });
    }

    @Provide
    Arbitrary<SizeStyle> ratioChoices() {
        Arbitrary<String> ratio = Combinators.combine(side(1, 21), side(1, 21)).as((w, h) -> w + ":" + h);
        return ratio.list().uniqueElements().ofMinSize(1).ofMaxSize(10).flatMap(ratios -> {
            Arbitrary<Map<String, Double>> tiers = Arbitraries.doubles().between(0.01, 16).ofScale(3)
                    .list().ofMinSize(1).ofMaxSize(4).map(mps -> {
                        Map<String, Double> map = new LinkedHashMap<>();
                        for (int i = 0; i < mps.size(); i++) {
                            map.put("t" + i, mps.get(i));
                        }
                        return map;
                    }).injectNull(0.4);
            Arbitrary<Map<String, Dim>> table = dims(16, 2048).list().ofSize(ratios.size()).map(ds -> {
                Map<String, Dim> map = new LinkedHashMap<>();
                for (int i = 0; i < ds.size(); i++) {
                    map.put(ratios.get(i), ds.get(i));
                }
                return map;
            }).injectNull(0.5);
            Arbitrary<Double> megapixels = Arbitraries.doubles().between(0.05, 16).ofScale(2).injectNull(0.3);
            return Combinators.combine(Arbitraries.of(ratios), tiers, table, megapixels, side(0, 3))
                    .as((dflt, t, px, mp, tierIndex) -> new SizeStyle.RatioChoice(ratios, dflt, t,
                            t == null ? null : "t" + Math.min(tierIndex, t.size() - 1), px, mp));
        });
    }

    @Provide
    Arbitrary<SizeStyle> freeRatios() {
        Arbitrary<AspectRatio> ratio = Combinators.combine(side(1, 30), side(1, 30)).as(AspectRatio::new);
        return Combinators.combine(ratio, ratio, ratio, Arbitraries.doubles().between(0.1, 16).ofScale(2))
                .as((a, b, d, mp) -> {
                    AspectRatio lo = a.value() <= b.value() ? a : b;
                    AspectRatio hi = a.value() <= b.value() ? b : a;
                    String dflt = d.value() >= lo.value() && d.value() <= hi.value() ? d.toString() : lo.toString();
                    return new SizeStyle.FreeRatio(lo.toString(), hi.toString(), dflt, mp);
                });
    }

    @Provide
    Arbitrary<CatalogSizes.Named> catalogStyles() {
        // AnySize 64..4096 has 16 million options: too many to enumerate; the table tests cover it.
        return Arbitraries.of(CatalogSizes.all().stream()
                .filter(n -> !(n.style() instanceof SizeStyle.AnySize) && !(n.style() instanceof SizeStyle.FreeRatio))
                .toList());
    }

    private static Arbitrary<Integer> side(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    private static Arbitrary<Dim> dims(int min, int max) {
        return Combinators.combine(side(min, max), side(min, max)).as(Dim::new);
    }
}

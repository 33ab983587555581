package dev.easel.adapter.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.Warning;
import dev.easel.adapter.size.UpstreamSize.Pixels;
import dev.easel.adapter.size.UpstreamSize.Preset;
import dev.easel.adapter.size.UpstreamSize.ProviderDefault;
import dev.easel.adapter.size.UpstreamSize.Ratio;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SizeNormalizerTest {

    private static RequestedSize pixels(String wxh) {
        return new RequestedSize(Dim.parse(wxh), null, null);
    }

    private static RequestedSize ratio(String wh) {
        return new RequestedSize(null, AspectRatio.parse(wh), null);
    }

    private static RequestedSize resolution(String label) {
        return new RequestedSize(null, null, Resolution.fromLabel(label));
    }

    private static NormalizedSize normalize(RequestedSize requested, String provider, String model) {
        return SizeNormalizer.normalize(requested, CatalogSizes.route(provider, model));
    }

    // What each catalog route sends and expects: the table README "Size styles" documents.
    static Stream<Arguments> catalogCases() {
        return Stream.of(
                Arguments.of("openai", "dall-e-3", pixels("1920x1080"), new Pixels(Dim.parse("1792x1024")), "1792x1024"),
                Arguments.of("openai", "dall-e-3", pixels("1024x1024"), new Pixels(Dim.parse("1024x1024")), "1024x1024"),
                Arguments.of("openai", "dall-e-3", ratio("9:16"), new Pixels(Dim.parse("1024x1792")), "1024x1792"),
                Arguments.of("openai", "dall-e-3", RequestedSize.AUTO, new Pixels(Dim.parse("1024x1024")), "1024x1024"),
                Arguments.of("openai", "gpt-image-1", pixels("1920x1080"), new Pixels(Dim.parse("1536x1024")), "1536x1024"),
                Arguments.of("openai", "gpt-image-1", RequestedSize.AUTO, new ProviderDefault(), null),
                Arguments.of("stability", "core", pixels("1920x1080"), new Ratio("16:9", null), "1360x768"),
                Arguments.of("stability", "core", ratio("4:3"), new Ratio("5:4", null), "1152x912"),
                Arguments.of("stability", "ultra", ratio("3:4"), new Ratio("4:5", null), "912x1152"),
                Arguments.of("stability", "core", RequestedSize.AUTO, new Ratio("1:1", null), "1024x1024"),
                Arguments.of("gemini", "gemini-2.5-flash-image", pixels("1920x1080"), new Ratio("16:9", null), "1344x768"),
                Arguments.of("gemini", "gemini-2.5-flash-image", ratio("21:9"), new Ratio("21:9", null), "1536x672"),
                Arguments.of("gemini", "gemini-3-pro-image-preview", resolution("2K"), new Ratio("1:1", "2K"), "2048x2048"),
                Arguments.of("gemini", "gemini-3-pro-image-preview", new RequestedSize(null, AspectRatio.parse("16:9"),
                        Resolution.FOUR_K), new Ratio("16:9", "4K"), "5504x3072"),
                Arguments.of("gemini", "gemini-3-pro-image-preview", pixels("2752x1536"), new Ratio("16:9", "2K"), "2752x1536"),
                Arguments.of("gemini", "gemini-3-pro-image-preview", RequestedSize.AUTO, new Ratio("1:1", "1K"), "1024x1024"),
                Arguments.of("fal", "fal-ai/flux/schnell", RequestedSize.AUTO,
                        new Preset("landscape_4_3", Dim.parse("1024x768")), "1024x768"),
                Arguments.of("fal", "fal-ai/flux/schnell", pixels("1024x576"),
                        new Preset("landscape_16_9", Dim.parse("1024x576")), "1024x576"),
                Arguments.of("fal", "fal-ai/flux/schnell", pixels("512x512"), new Preset("square", Dim.parse("512x512")),
                        "512x512"),
                Arguments.of("fal", "fal-ai/flux/schnell", pixels("1000x700"), new Pixels(Dim.parse("960x672")), "960x672"),
                Arguments.of("fal", "fal-ai/flux/schnell", pixels("1920x1080"), new Pixels(Dim.parse("2048x1152")), "2048x1152"),
                Arguments.of("fal", "fal-ai/flux/schnell", pixels("1200x800"), new Pixels(Dim.parse("1200x800")), "1200x800"),
                Arguments.of("replicate", "black-forest-labs/flux-schnell", pixels("512x512"), new Ratio("1:1", "0.25"),
                        "512x512"),
                Arguments.of("replicate", "black-forest-labs/flux-schnell", pixels("1920x1080"), new Ratio("16:9", "1"),
                        "1360x768"),
                Arguments.of("replicate", "black-forest-labs/flux-schnell", resolution("0.5K"), new Ratio("1:1", "0.25"),
                        "512x512"),
                Arguments.of("replicate", "black-forest-labs/flux-schnell", RequestedSize.AUTO, new Ratio("1:1", "1"),
                        "1024x1024"),
                Arguments.of("replicate", "black-forest-labs/flux-2-pro", resolution("2K"), new Ratio("1:1", "4 MP"),
                        "2048x2048"),
                Arguments.of("bfl", "flux-pro-1.1-ultra", pixels("1920x1080"), new Ratio("16:9", null), "2736x1536"),
                Arguments.of("bfl", "flux-pro-1.1-ultra", pixels("1000x700"), new Ratio("10:7", null), "2448x1712"),
                Arguments.of("bfl", "flux-pro-1.1-ultra", pixels("4000x1000"), new Ratio("21:9", null), "3136x1344"),
                Arguments.of("bfl", "flux-pro-1.1-ultra", ratio("1:5"), new Ratio("9:21", null), "1344x3136"),
                Arguments.of("bfl", "flux-pro-1.1-ultra", RequestedSize.AUTO, new Ratio("16:9", null), "2736x1536"),
                Arguments.of("bfl", "flux-kontext-pro", pixels("1366x768"), new Ratio("16:9", null), "1360x768"),
                Arguments.of("bfl", "flux-pro-1.1", pixels("1000x700"), new Pixels(Dim.parse("960x672")), "960x672"),
                Arguments.of("bfl", "flux-pro-1.1", RequestedSize.AUTO, new Pixels(Dim.parse("1024x768")), "1024x768"),
                Arguments.of("openai", "gpt-image-2", pixels("1920x1080"), new Pixels(Dim.parse("2048x1152")), "2048x1152"),
                Arguments.of("openai", "gpt-image-2", pixels("3840x2160"), new Pixels(Dim.parse("3840x2160")), "3840x2160"),
                Arguments.of("local", "test-pattern", pixels("640x480"), new Pixels(Dim.parse("640x480")), "640x480"),
                Arguments.of("local", "test-pattern", pixels("4096x4096"), new Pixels(Dim.parse("4096x4096")), "4096x4096"),
                Arguments.of("local", "test-pattern", pixels("333x97"), new Pixels(Dim.parse("333x97")), "333x97"),
                Arguments.of("local", "test-pattern", RequestedSize.AUTO, new Pixels(Dim.parse("1024x1024")), "1024x1024"));
    }

    @ParameterizedTest(name = "{0}/{1} {2} -> {3}")
    @MethodSource("catalogCases")
    void should_send_the_documented_size_when_normalizing_for_a_catalog_route(
            String provider, String model, RequestedSize requested, UpstreamSize sent, String expected) {
        NormalizedSize result = normalize(requested, provider, model);

        assertThat(result.sent()).isEqualTo(sent);
        assertThat(result.expected()).isEqualTo(expected == null ? null : Dim.parse(expected));
    }

    @Test
    void should_send_multiples_of_32_within_bounds_when_bfl_flux_pro_gets_1000x700() {
        NormalizedSize result = normalize(pixels("1000x700"), "bfl", "flux-pro-1.1");

        Dim dims = ((Pixels) result.sent()).dims();
        assertThat(List.of(dims.width(), dims.height())).allSatisfy(side -> {
            assertThat(side % 32).isZero();
            assertThat(side).isBetween(256, 1440);
        });
        assertThat(dims.ratio()).isCloseTo(10.0 / 7, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_stay_in_gpt_image_2_limits_when_asked_for_extreme_sizes() {
        for (String asked : List.of("100000x10", "10x100000", "9000x9000", "1x1", "5000x1000", "1234x567")) {
            Dim dims = ((Pixels) normalize(pixels(asked), "openai", "gpt-image-2").sent()).dims();
            assertThat(dims.width() % 16).as(asked).isZero();
            assertThat(dims.height() % 16).as(asked).isZero();
            assertThat(dims.width()).as(asked).isBetween(256, 3840);
            assertThat(dims.height()).as(asked).isBetween(256, 3840);
            assertThat(dims.pixels()).as(asked).isLessThanOrEqualTo(3840L * 2160);
            assertThat(dims.ratio()).as(asked).isBetween(1.0 / 3 - 1e-12, 3.0 + 1e-12);
        }
    }

    @Test
    void should_clamp_to_the_side_limits_when_test_pattern_gets_an_out_of_range_size() {
        assertThat(normalize(pixels("8192x8192"), "local", "test-pattern").sent())
                .isEqualTo(new Pixels(Dim.parse("4096x4096")));
        assertThat(normalize(pixels("10x10"), "local", "test-pattern").sent())
                .isEqualTo(new Pixels(Dim.parse("64x64")));
        assertThat(normalize(pixels("100000x1000"), "local", "test-pattern").sent())
                .isEqualTo(new Pixels(Dim.parse("4096x64")));
    }

    @Test
    void should_not_warn_when_the_size_is_served_exactly() {
        assertThat(normalize(pixels("1792x1024"), "openai", "dall-e-3").warnings()).isEmpty();
        assertThat(normalize(pixels("640x480"), "local", "test-pattern").warnings()).isEmpty();
        assertThat(normalize(ratio("16:9"), "stability", "core").warnings()).isEmpty();
        assertThat(normalize(resolution("2K"), "gemini", "gemini-3-pro-image-preview").warnings()).isEmpty();
        assertThat(normalize(RequestedSize.AUTO, "openai", "gpt-image-1").warnings()).isEmpty();
    }

    @Test
    void should_warn_on_size_when_the_pixels_change() {
        List<Warning> warnings = normalize(pixels("1920x1080"), "openai", "dall-e-3").warnings();

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("size_adjusted");
            assertThat(w.param()).isEqualTo("size");
            assertThat(w.message()).contains("1920x1080", "1792x1024", "1.6%");
        });
    }

    @Test
    void should_warn_on_aspect_ratio_when_the_delivered_ratio_is_more_than_1_percent_off() {
        assertThat(normalize(ratio("4:3"), "stability", "core").warnings())
                .singleElement().extracting(Warning::param).isEqualTo("aspect_ratio");
        // 1344x768 is 7:4, 1.6% narrower than 16:9: the table tells the truth.
        assertThat(normalize(ratio("16:9"), "gemini", "gemini-2.5-flash-image").warnings())
                .singleElement().extracting(Warning::param).isEqualTo("aspect_ratio");
    }

    @Test
    void should_warn_on_resolution_when_no_tier_is_close() {
        assertThat(normalize(resolution("4K"), "stability", "core").warnings())
                .singleElement().extracting(Warning::param).isEqualTo("resolution");
        assertThat(normalize(resolution("1K"), "gemini", "gemini-2.5-flash-image").warnings()).isEmpty();
    }

    @Test
    void should_prefer_the_preset_when_a_custom_size_ties_exactly() {
        SizeStyle.Presets style = new SizeStyle.Presets(Map.of("wide", Dim.parse("1024x576")), "wide",
                new SizeStyle.FreeDimensions(64, 2048, 16, 0, null, null, Dim.parse("1024x576")));

        assertThat(SizeNormalizer.normalize(pixels("1024x576"), style).sent())
                .isEqualTo(new Preset("wide", Dim.parse("1024x576")));
    }

    @Test
    void should_pick_the_tier_by_area_when_the_ratio_ties() {
        SizeStyle.RatioChoice style = new SizeStyle.RatioChoice(List.of("1:1"), "1:1",
                Map.of("small", 0.25, "big", 4.0, "mid", 1.0), "mid", null, null);

        assertThat(SizeNormalizer.normalize(pixels("800x800"), style).sent()).isEqualTo(new Ratio("1:1", "mid"));
        assertThat(SizeNormalizer.normalize(pixels("300x300"), style).sent()).isEqualTo(new Ratio("1:1", "small"));
        assertThat(SizeNormalizer.normalize(resolution("4K"), style).sent()).isEqualTo(new Ratio("1:1", "big"));
    }

    @Test
    void should_break_an_exact_tie_towards_landscape_when_two_options_are_equally_good() {
        SizeStyle.FixedSizes style = new SizeStyle.FixedSizes(
                List.of(Dim.parse("768x1024"), Dim.parse("1024x768")), Dim.parse("768x1024"), false);

        assertThat(SizeNormalizer.normalize(ratio("1:1"), style).sent()).isEqualTo(new Pixels(Dim.parse("1024x768")));
    }

    @Test
    void should_write_a_short_ratio_when_free_ratio_gets_pixels() {
        SizeStyle.FreeRatio style = new SizeStyle.FreeRatio("1:4", "4:1", "1:1", 1.0);

        assertThat(SizeNormalizer.normalize(pixels("1920x1080"), style).sent()).isEqualTo(new Ratio("16:9", null));
        assertThat(SizeNormalizer.normalize(pixels("1000x700"), style).sent()).isEqualTo(new Ratio("10:7", null));
        assertThat(SizeNormalizer.normalize(pixels("700x1000"), style).sent()).isEqualTo(new Ratio("7:10", null));
        assertThat(SizeNormalizer.normalize(pixels("1000x1000"), style).sent()).isEqualTo(new Ratio("1:1", null));
    }

    @Test
    void should_throw_unsupported_size_when_the_limits_admit_no_size() {
        SizeStyle.FreeDimensions style = new SizeStyle.FreeDimensions(100, 120, 64, 0, null, null, null);

        assertThatThrownBy(() -> SizeNormalizer.normalize(pixels("110x110"), style))
                .isInstanceOf(UnsupportedSizeException.class)
                .extracting(e -> ((UnsupportedSizeException) e).param()).isEqualTo("size");
    }

    @Test
    void should_normalize_every_catalog_route_when_asked_for_common_sizes() {
        for (CatalogSizes.Named route : CatalogSizes.all()) {
            for (RequestedSize requested : List.of(RequestedSize.AUTO, pixels("1024x1024"), pixels("1920x1080"),
                    ratio("9:16"), resolution("4K"))) {
                NormalizedSize result = SizeNormalizer.normalize(requested, route.style());
                assertThat(result.sent()).as(route + " " + requested).isNotNull();
            }
        }
    }
}

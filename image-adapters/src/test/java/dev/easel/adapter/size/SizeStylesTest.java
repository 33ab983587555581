package dev.easel.adapter.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizeStylesTest {

    private static final List<SizeStyle> ALL = List.of(
            new SizeStyle.AnySize(64, 4096, Dim.parse("1024x1024")),
            new SizeStyle.FixedSizes(List.of(Dim.parse("1024x1024"), Dim.parse("1792x1024")), Dim.parse("1024x1024"), true),
            new SizeStyle.Presets(Map.of("square_hd", Dim.parse("1024x1024")), "square_hd",
                    new SizeStyle.FreeDimensions(256, 2048, 16, 4194304, null, null, Dim.parse("1024x768"))),
            new SizeStyle.RatioChoice(List.of("1:1", "16:9"), "1:1", Map.of("1K", 1.0, "2K", 4.0), "1K",
                    Map.of("1:1", Dim.parse("1024x1024"), "16:9", Dim.parse("1344x768")), null),
            new SizeStyle.RatioChoice(List.of("1:1"), "1:1", null, null, null, 1.0),
            new SizeStyle.FreeDimensions(256, 3840, 16, 8294400, "1:3", "3:1", Dim.parse("1024x1024")),
            new SizeStyle.FreeRatio("9:21", "21:9", "16:9", 4.0));

    @Test
    void should_round_trip_every_style_when_written_to_a_map_and_read_back() {
        for (SizeStyle style : ALL) {
            Map<String, Object> map = SizeStyles.toMap(style);

            assertThat(map).containsKey("style");
            assertThat(SizeStyles.fromMap(map)).isEqualTo(style);
        }
    }

    @Test
    void should_use_snake_case_keys_when_writing() {
        Map<String, Object> map = SizeStyles.toMap(ALL.get(5));

        assertThat(map).containsEntry("style", "dimensions")
                .containsEntry("multiple_of", 16)
                .containsEntry("max_pixels", 8294400L)
                .containsEntry("min_ratio", "1:3")
                .containsEntry("default_size", "1024x1024");
    }

    @Test
    void should_read_catalog_maps_when_the_caller_uses_a_plain_object_mapper() {
        Map<String, Object> map = Map.of("style", "fixed", "sizes", List.of("1024x1024", "1792x1024"),
                "default_size", "1024x1024", "auto", false);

        SizeStyle style = new ObjectMapper().convertValue(map, SizeStyle.class);

        assertThat(style).isEqualTo(new SizeStyle.FixedSizes(
                List.of(Dim.parse("1024x1024"), Dim.parse("1792x1024")), Dim.parse("1024x1024"), false));
    }

    @Test
    void should_keep_catalog_order_when_reading_presets() {
        Map<String, Object> presets = new java.util.LinkedHashMap<>();
        for (String name : List.of("z", "a", "m", "b", "y", "c")) {
            presets.put(name, "512x512");
        }
        SizeStyle.Presets style = (SizeStyle.Presets) SizeStyles.fromMap(
                Map.of("style", "presets", "presets", presets, "default_preset", "m"));

        assertThat(style.presets().keySet()).containsExactly("z", "a", "m", "b", "y", "c");
    }

    @Test
    void should_fail_with_the_key_named_when_the_map_is_wrong() {
        assertThatThrownBy(() -> SizeStyles.fromMap(Map.of("style", "ratios", "ratios", List.of("1:1"),
                "default_ratio", "1:1", "megapixel", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("megapixel");
        assertThatThrownBy(() -> SizeStyles.fromMap(Map.of("style", "squares")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("squares");
        assertThatThrownBy(() -> SizeStyles.fromMap(Map.of("style", "free_ratio", "min_ratio", "21:9",
                "max_ratio", "9:21", "default_ratio", "1:1", "megapixels", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wider");
    }
}

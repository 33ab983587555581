package dev.easel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.ImageAdapterFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Catalog mistakes an operator makes, checked with the real adapter factories and no keys set. */
class CatalogErgonomicsTest {

    private static final Map<String, String> NO_KEYS = Map.of();

    private static Catalog load(String yaml) {
        Map<String, ImageAdapterFactory> factories = new LinkedHashMap<>();
        ServiceLoader.load(ImageAdapterFactory.class).forEach(f -> factories.put(f.name(), f));
        return new CatalogLoader(factories, NO_KEYS::get, Duration.ofSeconds(300)).parse(yaml);
    }

    private static String provider(String adapter, String options) {
        return """
                providers:
                  p: { adapter: %s, base_url: "https://example.test/v1", api_key: "${P_KEY:-}", options: %s }
                models:
                  m: { routes: [ { provider: p, model: x, price_per_image: 0, size: { style: any, min: 64, max: 2048, default_size: 1024x1024 } } ] }
                """.formatted(adapter, options);
    }

    @Test
    void should_refuse_an_unknown_option_key_when_the_provider_has_no_key() {
        assertThatThrownBy(() -> load(provider("openai-compatible", "{ size_feilds: width_height }")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("providers.p.options.size_feilds: unknown option, expected one of "
                        + "[aspect_ratio_field, output_format_field, response_format_value, size_fields]");
    }

    @Test
    void should_refuse_a_bad_option_value_when_the_provider_has_no_key() {
        assertThatThrownBy(() -> load(provider("openai-compatible", "{ size_fields: pixels }")))
                .hasMessage("providers.p.options.size_fields must be 'size' or 'width_height', got 'pixels'");
        assertThatThrownBy(() -> load(provider("replicate", "{ prefer_wait_seconds: 600 }")))
                .hasMessageContaining("providers.p.options.prefer_wait_seconds: expected a whole number of seconds from 1 to 60");
    }

    @Test
    void should_refuse_options_when_the_adapter_takes_none() {
        assertThatThrownBy(() -> load(provider("fal", "{ sync_mode: true }")))
                .hasMessage("providers.p.options.sync_mode: unknown option, the fal adapter takes no options");
    }

    @Test
    void should_accept_known_options_and_leave_the_provider_unconfigured_when_no_key_is_set() {
        Catalog catalog = load(provider("openai-compatible", "{ size_fields: width_height, response_format_value: base64 }"));
        assertThat(catalog.provider("p").configured()).isFalse();
    }

    private static String sized(String size) {
        return """
                providers: { local: { adapter: local } }
                models:
                  m: { routes: [ { provider: local, model: x, price_per_image: 0, size: %s } ] }
                """.formatted(size);
    }

    @Test
    void should_name_the_styles_when_a_size_style_is_misspelt() {
        assertThatThrownBy(() -> load(sized("{ style: preset, presets: { sq: 1024x1024 } }")))
                .hasMessage("models.m.routes[0].size.style: unknown style 'preset', expected one of "
                        + "[any, dimensions, fixed, free_ratio, presets, ratios]");
        assertThatThrownBy(() -> load(sized("{ min: 64 }")))
                .hasMessageStartingWith("models.m.routes[0].size.style: missing");
    }

    @Test
    void should_say_which_key_is_wrong_without_jackson_text_when_a_size_block_is_malformed() {
        assertThatThrownBy(() -> load(sized("{ style: any, min: 64, max: 2048, default_size: 512x512, maxx: 4096 }")))
                .hasMessageStartingWith("models.m.routes[0].size.maxx: unknown key, expected one of [")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("dev.easel", "class", "Unrecognized"));
        assertThatThrownBy(() -> load(sized("{ style: any, min: small, max: 2048, default_size: 512x512 }")))
                .hasMessage("models.m.routes[0].size.min: expected a whole number, got 'small'");
        assertThatThrownBy(() -> load(sized("{ style: any, min: 64, max: 2048 }")))
                .hasMessage("models.m.routes[0].size.default_size: missing");
    }
}

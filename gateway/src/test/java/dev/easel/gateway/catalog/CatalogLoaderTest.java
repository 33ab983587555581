package dev.easel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.size.SizeStyle;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

    private static final String PROVIDERS = """
            providers:
              local: { adapter: local }
              fal: { adapter: fal, base_url: "${FAL_BASE_URL:-https://queue.fal.run}", api_key: "${FAL_KEY:-}" }
            """;
    private static final String ROUTE_SIZE = "size: { style: any, min: 64, max: 4096, default_size: 1024x1024 }";

    private static Map<String, ImageAdapterFactory> factories() {
        Map<String, ImageAdapterFactory> out = new HashMap<>();
        for (String name : List.of("local", "fal", "replicate", "bfl", "openai", "gemini", "stability", "openai-compatible")) {
            out.put(name, new ImageAdapterFactory() {
                public String name() {
                    return name;
                }

                public boolean requiresApiKey() {
                    return !name.equals("local");
                }

                public Set<OptionalParam> honouredParams() {
                    // The local adapter honours seed alone, as the real one does; the others everything.
                    return name.equals("local") ? Set.of(OptionalParam.SEED) : EnumSet.allOf(OptionalParam.class);
                }

                public ImageAdapter create(ProviderContext context) {
                    throw new UnsupportedOperationException();
                }
            });
        }
        return out;
    }

    private static CatalogLoader loader(Map<String, String> env) {
        return new CatalogLoader(factories(), env::get, Duration.ofSeconds(300));
    }

    private static Catalog parse(String yaml, Map<String, String> env) {
        return loader(env).parse(yaml);
    }

    private static String model(String routes) {
        return PROVIDERS + "models:\n  m1:\n    routes:\n" + routes;
    }

    @Test
    void should_load_the_shipped_catalog_when_no_keys_are_set() {
        Map<String, ImageAdapterFactory> real = new HashMap<>();
        ServiceLoader.load(ImageAdapterFactory.class).forEach(f -> real.put(f.name(), f));
        Map<String, ImageAdapterFactory> all = new HashMap<>(factories());
        all.putAll(real);
        Catalog c = new CatalogLoader(all, Map.<String, String>of()::get, Duration.ofSeconds(300))
                .load(Path.of(System.getProperty("easel.catalog", "../model-catalog.yaml")));
        assertThat(c.defaultModel()).isEqualTo("test-pattern");
        assertThat(c.models()).containsKeys("test-pattern", "flux-schnell", "flux-1.1-pro", "flux-1.1-pro-ultra",
                "flux-2-pro", "flux-kontext-pro", "gpt-image-1", "gpt-image-1.5", "dall-e-3",
                "gemini-2.5-flash-image", "gemini-3-pro-image", "stable-image-core", "stable-image-ultra");
        assertThat(c.provider("local").configured()).isTrue();
        assertThat(c.provider("fal").configured()).isFalse();
        assertThat(c.provider("fal").keyVariable()).isEqualTo("FAL_KEY");
        assertThat(c.provider("replicate").config().baseUrl()).isEqualTo("https://api.replicate.com/v1");
        assertThat(c.models().get("dall-e-3").routes().get(0).capabilities().size())
                .isInstanceOf(SizeStyle.FixedSizes.class);
        assertThat(c.models().get("flux-schnell").routes()).extracting(Route::slug)
                .containsExactly("fal/flux-schnell", "replicate/flux-schnell");
    }

    @Test
    void should_ship_every_canonical_edit_model_with_every_provider_that_serves_it() {
        Map<String, ImageAdapterFactory> real = new HashMap<>();
        ServiceLoader.load(ImageAdapterFactory.class).forEach(f -> real.put(f.name(), f));
        Catalog c = new CatalogLoader(real, Map.<String, String>of()::get, Duration.ofSeconds(300))
                .load(Path.of(System.getProperty("easel.catalog", "../model-catalog.yaml")));
        Map<String, List<String>> editors = Map.of(
                "gpt-image-1", List.of("openai"), "gpt-image-1.5", List.of("openai"), "gpt-image-2", List.of("openai"),
                "flux-kontext-pro", List.of("bfl", "fal", "replicate"), "flux-2-pro", List.of("bfl", "fal", "replicate"),
                "gemini-2.5-flash-image", List.of("gemini", "replicate", "fal"),
                "flux-fill-pro", List.of("bfl", "fal"), "stable-image-inpaint", List.of("stability"));
        editors.forEach((model, providers) -> assertThat(c.models().get(model).routes())
                .as(model).filteredOn(Route::edits).extracting(Route::provider)
                .containsExactlyInAnyOrderElementsOf(providers));
        for (String editOnly : List.of("flux-fill-pro", "stable-image-inpaint")) {
            assertThat(c.models().get(editOnly).routes()).as(editOnly).allSatisfy(r -> {
                assertThat(r.generates()).isFalse();
                assertThat(r.edit().mask()).isEqualTo(MaskConvention.LUMINANCE);
                assertThat(r.edit().maxInputImages()).isEqualTo(1);
            });
        }
        assertThat(c.models().get("flux-2-pro").routes()).allSatisfy(r -> assertThat(r.edit().maxInputImages()).isGreaterThan(1));
        assertThat(c.models().get("gpt-image-1").routes().get(0).edit().mask()).isEqualTo(MaskConvention.ALPHA);
        assertThat(c.models().get("dall-e-3").routes()).noneMatch(Route::edits);
        assertThat(c.models().get("flux-kontext-pro").routes()).filteredOn(r -> r.provider().equals("fal"))
                .singleElement().satisfies(r -> assertThat(r.providerModelFor(dev.easel.adapter.Operation.EDIT))
                        .isEqualTo("fal-ai/flux-pro/kontext"));
    }

    @Test
    void should_interpolate_variables_and_defaults_when_loading() {
        Catalog c = parse(model("      - { provider: fal, model: fal-ai/flux/schnell, price_per_image: 0.003, " + ROUTE_SIZE + " }\n"),
                Map.of("FAL_KEY", "secret-key", "FAL_BASE_URL", "http://127.0.0.1:9999/"));
        Provider fal = c.provider("fal");
        assertThat(fal.configured()).isTrue();
        assertThat(fal.config().apiKey()).isEqualTo("secret-key");
        assertThat(fal.config().baseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(fal.config().toString()).doesNotContain("secret-key");
        Route r = c.models().get("m1").routes().get(0);
        assertThat(r.pricePerImage()).isEqualByComparingTo(new BigDecimal("0.003"));
        assertThat(r.weight()).isEqualTo(1);
        assertThat(r.priority()).isZero();
        assertThat(r.capabilities().maxImagesPerCall()).isEqualTo(1);
        assertThat(c.defaultModel()).isEqualTo("m1");
    }

    @Test
    void should_use_the_default_when_the_variable_is_unset_or_empty() {
        Catalog c = parse(model("      - { provider: fal, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n"),
                Map.of("FAL_BASE_URL", ""));
        assertThat(c.provider("fal").config().baseUrl()).isEqualTo("https://queue.fal.run");
        assertThat(c.provider("fal").configured()).isFalse();
    }

    @Test
    void should_fail_naming_the_variable_when_a_required_one_is_unset() {
        String yaml = "providers:\n  fal: { adapter: fal, base_url: \"${FAL_URL}\" }\nmodels:\n  m1:\n    routes:\n"
                + "      - { provider: fal, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n";
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("providers.fal.base_url")
                .hasMessageContaining("FAL_URL");
    }

    @Test
    void should_fail_naming_the_key_when_the_adapter_is_unknown() {
        String yaml = "providers:\n  acme: { adapter: acme, base_url: \"https://x\" }\nmodels:\n  m1:\n    routes:\n"
                + "      - { provider: acme, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n";
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("providers.acme.adapter")
                .hasMessageContaining("unknown adapter 'acme'");
    }

    @Test
    void should_fail_naming_the_line_when_a_model_is_declared_twice() {
        String yaml = model("      - { provider: local, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n")
                + "  m1:\n    routes:\n      - { provider: local, model: y, price_per_image: 0, " + ROUTE_SIZE + " }\n";
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("line")
                .hasMessageContaining("m1");
    }

    @Test
    void should_fail_naming_the_route_when_its_provider_is_not_declared() {
        assertThatThrownBy(() -> parse(model("      - { provider: replicate, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n"), Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("models.m1.routes[0].provider")
                .hasMessageContaining("'replicate' is not declared");
    }

    @Test
    void should_fail_naming_the_price_when_it_is_not_a_number() {
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: cheap, " + ROUTE_SIZE + " }\n"), Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("models.m1.routes[0].price_per_image")
                .hasMessageContaining("cheap");
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: -1, " + ROUTE_SIZE + " }\n"), Map.of()))
                .hasMessageContaining("price_per_image");
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, " + ROUTE_SIZE + " }\n"), Map.of()))
                .hasMessageContaining("price_per_image");
    }

    @Test
    void should_fail_naming_the_key_when_a_size_style_is_invalid() {
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: 0, size: { style: blobs } }\n"), Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("models.m1.routes[0].size");
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: 0, size: { style: fixed, sizes: [], default_size: 1x1 } }\n"), Map.of()))
                .hasMessageContaining("models.m1.routes[0].size")
                .hasMessageContaining("sizes must not be empty");
    }

    @Test
    void should_fail_naming_the_key_when_a_key_is_unknown_or_a_param_is_unknown() {
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: 0, wieght: 3, " + ROUTE_SIZE + " }\n"), Map.of()))
                .hasMessageContaining("models.m1.routes[0].wieght: unknown key");
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: 0, params: [steps], " + ROUTE_SIZE + " }\n"), Map.of()))
                .hasMessageContaining("models.m1.routes[0].params: 'steps'");
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: 0, formats: [gif], " + ROUTE_SIZE + " }\n"), Map.of()))
                .hasMessageContaining("models.m1.routes[0].formats: 'gif'");
    }

    @Test
    void should_refuse_the_catalog_naming_route_and_param_when_params_lists_one_the_adapter_does_not_honour() {
        assertThatThrownBy(() -> parse(model("      - { provider: local, model: x, price_per_image: 0, params: [seed, quality], "
                + ROUTE_SIZE + " }\n"), Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("models.m1.routes[0].params")
                .hasMessageContaining("route local/m1")
                .hasMessageContaining("'quality'")
                .hasMessageContaining("the local adapter does not honour");
    }

    @Test
    void should_keep_the_honoured_params_when_the_adapter_honours_them() {
        Catalog c = parse(model("      - { provider: local, model: x, price_per_image: 0, params: [seed], " + ROUTE_SIZE + " }\n"),
                Map.of());

        assertThat(c.model("m1").orElseThrow().routes().get(0).capabilities().parameters()).containsExactly(OptionalParam.SEED);
    }

    @Test
    void should_fail_when_the_default_model_is_not_a_model() {
        assertThatThrownBy(() -> parse("default_model: nope\n" + model("      - { provider: local, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n"), Map.of()))
                .hasMessageContaining("default_model: 'nope'");
    }

    @Test
    void should_fail_when_a_provider_serves_a_model_twice() {
        String routes = "      - { provider: local, model: x, price_per_image: 0, " + ROUTE_SIZE + " }\n"
                + "      - { provider: local, model: y, price_per_image: 0, " + ROUTE_SIZE + " }\n";
        assertThatThrownBy(() -> parse(model(routes), Map.of()))
                .hasMessageContaining("models.m1.routes[1].provider: 'local' appears twice");
    }

    @Test
    void should_read_poll_settings_and_media_hosts_when_given() {
        String yaml = "providers:\n  bfl: { adapter: bfl, base_url: \"https://api.bfl.ai/v1\", api_key: k, media_hosts: [\"*.bfl.ai\"],"
                + " poll: { initial_ms: 100, max_ms: 900, multiplier: 2 }, timeout_s: 60 }\nmodels:\n  m1:\n    routes:\n"
                + "      - { provider: bfl, model: x, price_per_image: 0.04, " + ROUTE_SIZE + " }\n";
        Provider bfl = parse(yaml, Map.of()).provider("bfl");
        assertThat(bfl.config().mediaHosts()).containsExactly("*.bfl.ai");
        assertThat(bfl.config().poll().initial()).isEqualTo(Duration.ofMillis(100));
        assertThat(bfl.config().poll().max()).isEqualTo(Duration.ofMillis(900));
        assertThat(bfl.config().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bfl.keyVariable()).isNull();
    }

    @Test
    void should_read_media_hosts_with_ports_and_refuse_bad_ports_naming_the_entry() {
        String yaml = "providers:\n  sd: { adapter: bfl, base_url: \"http://10.0.0.5:7860/v1\", api_key: k,"
                + " media_hosts: [%s] }\nmodels:\n  m1:\n    routes:\n"
                + "      - { provider: sd, model: x, price_per_image: 0.04, " + ROUTE_SIZE + " }\n";

        Provider sd = parse(yaml.formatted("\"10.0.0.6:9000\", \"[fd00::5]:81\", \"*.lan\""), Map.of()).provider("sd");

        assertThat(sd.config().mediaHosts()).containsExactly("10.0.0.6:9000", "[fd00::5]:81", "*.lan");
        assertThat(sd.config().baseHostAndPort()).isEqualTo("10.0.0.5:7860");
        assertThatThrownBy(() -> parse(yaml.formatted("\"ok.lan\", \"gpu.lan:99999\""), Map.of()))
                .hasMessageContaining("providers.sd.media_hosts[1]").hasMessageContaining("gpu.lan:99999");
        assertThatThrownBy(() -> parse(yaml.formatted("\"http://gpu.lan/\""), Map.of()))
                .hasMessageContaining("providers.sd.media_hosts[0]");
    }
}

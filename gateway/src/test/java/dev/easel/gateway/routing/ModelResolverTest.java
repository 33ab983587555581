package dev.easel.gateway.routing;

import static dev.easel.gateway.routing.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelResolverTest {

    private static final Route FAL = route("fal", "flux-schnell", 0, 70);
    private static final Route REPLICATE = route("replicate", "flux-schnell", 0, 30);
    private static final Route OPENAI = route("openai", "gpt-image-1", 0, 1);

    private final ModelResolver resolver = new ModelResolver(Fixtures.catalog(models(), "replicate"));

    private static Map<String, List<Route>> models() {
        Map<String, List<Route>> m = new LinkedHashMap<>();
        m.put("flux-schnell", List.of(FAL, REPLICATE));
        m.put("gpt-image-1", List.of(OPENAI));
        return m;
    }

    @Test
    void should_give_every_configured_route_when_the_id_is_bare() {
        ModelResolver.Resolution r = resolver.resolve("flux-schnell");

        assertThat(r.routes()).containsExactly(FAL);
        assertThat(r.pinned()).isFalse();
        assertThat(r.model().id()).isEqualTo("flux-schnell");
    }

    @Test
    void should_pin_one_route_when_the_model_is_a_slug() {
        ModelResolver.Resolution r = resolver.resolve("fal/flux-schnell");

        assertThat(r.routes()).containsExactly(FAL);
        assertThat(r.pinned()).isTrue();
    }

    @Test
    void should_answer_404_with_the_closest_ids_when_the_model_is_unknown() {
        assertThatThrownBy(() -> resolver.resolve("flux-schnel"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("model_not_found");
                    assertThat(e.param()).isEqualTo("model");
                    assertThat(e.getMessage()).contains("Did you mean flux-schnell");
                });
    }

    @Test
    void should_answer_404_when_the_provider_of_a_slug_does_not_serve_the_model() {
        assertThatThrownBy(() -> resolver.resolve("openai/flux-schnell"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("fal/flux-schnell");
                });
    }

    @Test
    void should_answer_400_naming_the_key_variable_when_a_pinned_provider_has_no_key() {
        assertThatThrownBy(() -> resolver.resolve("replicate/flux-schnell"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("model");
                    assertThat(e.getMessage()).contains("REPLICATE_KEY");
                });
    }

    @Test
    void should_answer_400_naming_the_key_variables_when_no_provider_of_the_model_is_configured() {
        ModelResolver none = new ModelResolver(Fixtures.catalog(models(), "fal", "replicate"));

        assertThatThrownBy(() -> none.resolve("flux-schnell"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("FAL_KEY", "REPLICATE_KEY");
                });
    }

    @Test
    void should_answer_quickly_with_a_short_echo_when_an_unknown_model_is_a_megabyte_long() {
        String huge = "flux-schnelx" + "z".repeat(1_000_000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> resolver.resolve(huge)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("model_not_found");
            assertThat(e.getMessage()).contains("flux-schnell").hasSizeLessThan(400);
        });
        // Before the bound this took seconds per call (edit distance of 1 MB in a sort comparator).
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(1));
    }
}

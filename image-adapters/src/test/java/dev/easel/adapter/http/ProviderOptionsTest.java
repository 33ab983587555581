package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Warning;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {

    @Test
    void should_keep_easels_values_when_options_name_keys_easel_wrote() {
        JsonObject body = new JsonObject().put("prompt", "a").put("guidance", 3);
        List<Warning> warnings = new ArrayList<>();

        ProviderOptions.merge(body, Map.of("prompt", "overridden", "guidance", 9, "extra", Map.of("k", "v")), warnings);

        assertThat(body).isEqualTo(new JsonObject().put("prompt", "a").put("guidance", 3)
                .put("extra", new JsonObject().put("k", "v")));
        assertThat(warnings).extracting(Warning::param)
                .containsExactlyInAnyOrder("provider_options.prompt", "provider_options.guidance");
        assertThat(warnings).extracting(Warning::code).containsOnly("provider_option_ignored");
    }

    @Test
    void should_refuse_fields_easel_maps_when_easel_left_them_out_of_this_body() {
        // fal/flux-1.1-pro makes one image per call, so Easel writes no num_images at all.
        JsonObject body = new JsonObject().put("prompt", "a cat")
                .put("image_size", new JsonObject().put("width", 1024).put("height", 1024));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("num_images", 4);
        options.put("prompt", "overridden");
        options.put("image_size", Map.of("width", 8192, "height", 8192));
        options.put("safety_tolerance", "2");
        List<Warning> warnings = new ArrayList<>();

        ProviderOptions.merge(body, options, warnings);

        assertThat(body).isEqualTo(new JsonObject().put("prompt", "a cat")
                .put("image_size", new JsonObject().put("width", 1024).put("height", 1024))
                .put("safety_tolerance", "2"));
        assertThat(warnings).extracting(Warning::param).containsExactlyInAnyOrder("provider_options.num_images",
                "provider_options.prompt", "provider_options.image_size.width", "provider_options.image_size.height");
    }

    @Test
    void should_add_to_nested_objects_without_replacing_what_easel_wrote_there() {
        JsonObject body = new JsonObject().put("generationConfig", new JsonObject()
                .put("responseModalities", List.of("IMAGE"))
                .put("imageConfig", new JsonObject().put("aspectRatio", "1:1")));

        ProviderOptions.merge(body, Map.of("generationConfig", Map.of("temperature", 0.4,
                "imageConfig", Map.of("aspectRatio", "21:9", "personGeneration", "ALLOW_ADULT"),
                "responseModalities", List.of("TEXT", "IMAGE"))));

        JsonObject config = body.getJsonObject("generationConfig");
        assertThat(config.getDouble("temperature")).isEqualTo(0.4);
        assertThat(config.getJsonArray("responseModalities")).containsExactly("IMAGE");
        assertThat(config.getJsonObject("imageConfig"))
                .isEqualTo(new JsonObject().put("aspectRatio", "1:1").put("personGeneration", "ALLOW_ADULT"));
    }

    @Test
    void should_not_replace_an_object_easel_wrote_when_the_option_is_a_scalar() {
        JsonObject body = new JsonObject().put("image_size", new JsonObject().put("width", 1).put("height", 2));

        ProviderOptions.merge(body, Map.of("image_size", "square_hd"));

        assertThat(body).isEqualTo(new JsonObject().put("image_size", new JsonObject().put("width", 1).put("height", 2)));
    }

    @Test
    void should_not_remove_a_field_when_an_option_is_null() {
        Map<String, Object> options = new HashMap<>();
        options.put("seed", null);
        options.put("guidance", null);

        JsonObject body = ProviderOptions.merge(new JsonObject().put("seed", 1).put("guidance", 3), options);

        assertThat(body).isEqualTo(new JsonObject().put("seed", 1).put("guidance", 3));
    }

    @Test
    void should_not_share_the_callers_maps_when_merging() {
        Map<String, Object> nested = new HashMap<>(Map.of("k", "v"));
        JsonObject body = ProviderOptions.merge(new JsonObject(), Map.of("extra", nested));

        body.getJsonObject("extra").put("k", "changed");

        assertThat(nested).containsEntry("k", "v");
    }

    @Test
    void should_leave_the_body_alone_when_options_are_empty_or_null() {
        assertThat(ProviderOptions.merge(new JsonObject().put("a", 1), Map.of())).isEqualTo(new JsonObject().put("a", 1));
        assertThat(ProviderOptions.merge(new JsonObject().put("a", 1), null)).isEqualTo(new JsonObject().put("a", 1));
    }

    @Test
    void should_offer_only_new_non_null_keys_when_the_body_is_flat() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("style_preset", "anime");
        options.put("prompt", "overridden");
        options.put("output_format", "png");
        options.put("mode", null);
        List<Warning> warnings = new ArrayList<>();

        Map<String, Object> added = ProviderOptions.addable(Set.of("prompt"), options, warnings);

        assertThat(added).containsExactly(Map.entry("style_preset", "anime"));
        assertThat(warnings).extracting(Warning::param).containsExactly(
                "provider_options.prompt", "provider_options.output_format", "provider_options.mode");
    }
}

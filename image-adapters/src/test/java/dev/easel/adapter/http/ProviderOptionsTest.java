package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {

    @Test
    void should_let_options_win_when_merging() {
        JsonObject body = new JsonObject().put("prompt", "a").put("seed", 1);

        ProviderOptions.merge(body, Map.of("seed", 2, "extra", Map.of("k", "v")));

        assertThat(body).isEqualTo(new JsonObject().put("prompt", "a").put("seed", 2).put("extra", new JsonObject().put("k", "v")));
    }

    @Test
    void should_merge_objects_key_by_key_when_both_sides_have_one() {
        JsonObject body = new JsonObject().put("generationConfig", new JsonObject()
                .put("responseModalities", List.of("IMAGE"))
                .put("imageConfig", new JsonObject().put("aspectRatio", "1:1")));

        ProviderOptions.merge(body, Map.of("generationConfig", Map.of("temperature", 0.4,
                "imageConfig", Map.of("imageSize", "2K"), "responseModalities", List.of("TEXT", "IMAGE"))));

        JsonObject config = body.getJsonObject("generationConfig");
        assertThat(config.getDouble("temperature")).isEqualTo(0.4);
        assertThat(config.getJsonArray("responseModalities")).containsExactly("TEXT", "IMAGE");
        assertThat(config.getJsonObject("imageConfig"))
                .isEqualTo(new JsonObject().put("aspectRatio", "1:1").put("imageSize", "2K"));
    }

    @Test
    void should_replace_the_value_when_only_one_side_is_an_object() {
        JsonObject body = new JsonObject().put("image_size", new JsonObject().put("width", 1).put("height", 2));

        ProviderOptions.merge(body, Map.of("image_size", "square_hd"));

        assertThat(body).isEqualTo(new JsonObject().put("image_size", "square_hd"));
    }

    @Test
    void should_send_null_when_an_option_is_null() {
        Map<String, Object> options = new HashMap<>();
        options.put("seed", null);

        JsonObject body = ProviderOptions.merge(new JsonObject().put("seed", 1), options);

        assertThat(body.containsKey("seed")).isTrue();
        assertThat(body.getValue("seed")).isNull();
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
}

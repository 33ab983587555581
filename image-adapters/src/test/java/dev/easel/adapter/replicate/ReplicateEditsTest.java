package dev.easel.adapter.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.ProviderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicateEditsTest {

    @Test
    void should_name_each_models_image_field_when_it_edits() {
        assertThat(ReplicateEdits.field("black-forest-labs/flux-kontext-pro", "r"))
                .isEqualTo(new ReplicateEdits.Field("input_image", false, 1));
        assertThat(ReplicateEdits.field("black-forest-labs/flux-2-pro", "r"))
                .isEqualTo(new ReplicateEdits.Field("input_images", true, 8));
        assertThat(ReplicateEdits.field("google/nano-banana", "r").name()).isEqualTo("image_input");
        assertThat(ReplicateEdits.field("google/gemini-2.5-flash-image:abc123", "r").name()).isEqualTo("image_input");
    }

    @Test
    void should_refuse_as_invalid_request_when_the_model_has_no_image_field() {
        assertThatThrownBy(() -> ReplicateEdits.field("black-forest-labs/flux-schnell", "r"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @Test
    void should_upload_only_when_the_data_uri_would_reach_one_million_characters() {
        // 749,970 bytes -> 999,960 base64 chars + 32 for the prefix: just under.
        assertThat(ReplicateEdits.needsUpload(new InputImage(new byte[749_970], "image/png"))).isFalse();
        assertThat(ReplicateEdits.needsUpload(new InputImage(new byte[750_000], "image/png"))).isTrue();
    }

    @Test
    void should_put_a_list_field_as_an_array_and_a_single_field_as_a_string() {
        JsonObject list = new JsonObject();
        ReplicateEdits.put(list, new ReplicateEdits.Field("input_images", true, 8), List.of("a", "b"));
        JsonObject one = new JsonObject();
        ReplicateEdits.put(one, new ReplicateEdits.Field("input_image", false, 1), List.of("a"));

        assertThat(list.getJsonArray("input_images")).isEqualTo(new JsonArray().add("a").add("b"));
        assertThat(one.getString("input_image")).isEqualTo("a");
    }

    @Test
    void should_read_urls_get_and_refuse_a_file_object_without_it() {
        assertThat(ReplicateEdits.uploaded(Buffer.buffer("{\"id\":\"f\",\"urls\":{\"get\":\"https://api.replicate.com/v1/files/f\"}}"),
                201, "r")).isEqualTo("https://api.replicate.com/v1/files/f");
        assertThatThrownBy(() -> ReplicateEdits.uploaded(Buffer.buffer("{\"id\":\"f\"}"), 201, "r"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM));
    }
}

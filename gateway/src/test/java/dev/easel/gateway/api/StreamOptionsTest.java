package dev.easel.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {

    @Test
    void should_read_stream_and_partials_when_json_gives_a_boolean_and_an_integer() {
        assertThat(StreamOptions.of(new JsonObject().put("stream", true).put("partial_images", 3)))
                .isEqualTo(new StreamOptions(true, 3));
        assertThat(StreamOptions.of(new JsonObject().put("stream", true).put("partial_images", BigInteger.TWO)))
                .isEqualTo(new StreamOptions(true, 2));
    }

    @Test
    void should_ignore_partials_when_not_streaming() {
        assertThat(StreamOptions.of(new JsonObject().put("partial_images", 2))).isEqualTo(StreamOptions.NONE);
        assertThat(StreamOptions.of(new JsonObject())).isEqualTo(StreamOptions.NONE);
    }

    @Test
    void should_name_the_field_when_json_values_are_of_the_wrong_kind() {
        assertThatThrownBy(() -> StreamOptions.of(new JsonObject().put("stream", "true")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("stream"));
        assertThatThrownBy(() -> StreamOptions.of(new JsonObject().put("stream", true).put("partial_images", 4)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("partial_images"));
        assertThatThrownBy(() -> StreamOptions.of(new JsonObject().put("stream", true)
                .put("partial_images", new BigInteger("99999999999999999999"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("partial_images"));
    }

    @Test
    void should_read_form_strings_when_a_multipart_edit_streams() {
        assertThat(StreamOptions.ofForm("true", "1")).isEqualTo(new StreamOptions(true, 1));
        assertThat(StreamOptions.ofForm(null, null)).isEqualTo(StreamOptions.NONE);
        assertThatThrownBy(() -> StreamOptions.ofForm("yes", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("stream"));
        assertThatThrownBy(() -> StreamOptions.ofForm("true", "-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("partial_images"));
    }
}

package dev.easel.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static JsonObject parse(String json) {
        return StrictJson.object(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prompt\":\"x\" /* comment */}",
            "{\"prompt\":\"x\"} // comment",
            "# comment\n{\"prompt\":\"x\"}",
            "{'prompt':'x'}",
            "{\"prompt\":\"x\",}",
            "{\"prompt\":\"x\"} {}",
            "{\"prompt\":\"x\"} trailing",
            "{\"n\":NaN}",
            "{\"n\":01}",
            "{prompt:\"x\"}",
            "[1,2]",
            "\"just a string\"",
            "null"})
    void should_refuse_anything_but_one_strict_json_object_when_parsing_a_body(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_request");
            assertThat(e.getMessage()).containsAnyOf("not valid JSON", "must be a JSON object");
        });
    }

    @Test
    void should_name_the_key_when_a_body_has_it_twice() {
        assertThatThrownBy(() -> parse("{\"prompt\":\"a cat\",\"model\":\"x\",\"prompt\":\"a dog\"}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.param()).isEqualTo("prompt");
                    assertThat(e.getMessage()).contains("more than once");
                });
        assertThatThrownBy(() -> parse("{\"provider_options\":{\"fal\":{\"a\":1,\"a\":2}}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("a"));
    }

    @Test
    void should_refuse_deep_nesting_when_it_passes_the_bound() {
        String deep = "{\"a\":".repeat(StrictJson.MAX_DEPTH + 1) + "1" + "}".repeat(StrictJson.MAX_DEPTH + 1);
        assertThatThrownBy(() -> parse(deep)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("nested deeper"));
        String huge = "[".repeat(100_000);
        assertThatThrownBy(() -> parse("{\"a\":" + huge)).isInstanceOf(ApiException.class);
    }

    @Test
    void should_not_quote_the_body_when_it_is_not_json() {
        assertThatThrownBy(() -> parse("{\"prompt\":\"secret plans\" oops}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .doesNotContain("secret plans").contains("line 1"));
    }

    @Test
    void should_keep_nested_objects_readable_when_the_body_is_valid() {
        JsonObject body = parse("{\"prompt\":\"x\",\"provider_options\":{\"fal\":{\"steps\":4}},\"n\":2.0}");
        assertThat(body.getJsonObject("provider_options").getJsonObject("fal").getInteger("steps")).isEqualTo(4);
        assertThat(body.getValue("n")).isEqualTo(2.0);
    }
}

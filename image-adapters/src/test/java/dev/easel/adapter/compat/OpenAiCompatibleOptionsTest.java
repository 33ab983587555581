package dev.easel.adapter.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleOptionsTest {

    @Test
    void should_speak_openai_when_no_options_are_given() {
        assertThat(OpenAiCompatibleOptions.from(Map.of())).isEqualTo(OpenAiCompatibleOptions.DEFAULTS);
    }

    @Test
    void should_read_together_dialect_when_options_say_base64_and_width_height() {
        var options = OpenAiCompatibleOptions.from(Map.of("response_format_value", "base64", "size_fields", "width_height"));

        assertThat(options.responseFormatValue()).isEqualTo("base64");
        assertThat(options.sizeFields()).isEqualTo(OpenAiCompatibleOptions.SizeFields.WIDTH_HEIGHT);
    }

    @Test
    void should_read_flags_when_given_as_booleans_or_strings() {
        var options = OpenAiCompatibleOptions.from(Map.of("aspect_ratio_field", true, "output_format_field", "true"));

        assertThat(options.aspectRatioField()).isTrue();
        assertThat(options.outputFormatField()).isTrue();
    }

    @Test
    void should_omit_response_format_when_value_is_none() {
        assertThat(OpenAiCompatibleOptions.from(Map.of("response_format_value", "none")).responseFormatValue()).isNull();
    }

    @Test
    void should_name_the_option_when_value_is_wrong() {
        assertThatThrownBy(() -> OpenAiCompatibleOptions.from(Map.of("size_fields", "pixels")))
                .hasMessageContaining("size_fields");
        assertThatThrownBy(() -> OpenAiCompatibleOptions.from(Map.of("aspect_ratio_field", "yes")))
                .hasMessageContaining("aspect_ratio_field");
    }
}

package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Base64ImagesTest {

    @Test
    void should_decode_when_text_is_base64_even_with_line_breaks() {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6, 7, 8};
        String wrapped = Base64.getMimeEncoder(8, "\r\n".getBytes()).encodeToString(bytes);

        assertThat(Base64Images.decode("p", wrapped, "b64_json")).isEqualTo(bytes);
    }

    @Test
    void should_fail_invalid_image_naming_the_field_when_text_is_not_base64() {
        ProviderException e = catchThrowableOfType(() -> Base64Images.decode("gemini", "%%%not base64", "inlineData"),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_IMAGE);
        assertThat(e.upstreamStatus()).isEqualTo(200);
        assertThat(e.getMessage()).isEqualTo("gemini answered inlineData that is not base64");
    }
}

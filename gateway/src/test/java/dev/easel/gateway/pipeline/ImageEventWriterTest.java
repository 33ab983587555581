package dev.easel.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.api.ApiErrors;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImageEventWriterTest {

    @Test
    void should_frame_an_error_as_openai_does_when_a_rate_limit_ends_the_stream() {
        String frame = ImageEventWriter.error(ApiErrors.rateLimited("slow down\nplease", Duration.ofMillis(2500)))
                .toString();

        assertThat(frame).startsWith("event: error\ndata: {").endsWith("}\n\n");
        String[] lines = frame.split("\n");
        assertThat(lines).hasSize(2);
        JsonObject data = new JsonObject(lines[1].substring("data: ".length()));
        assertThat(data.getString("type")).isEqualTo("error");
        assertThat(data.getJsonObject("error").getString("message")).isEqualTo("slow down\nplease");
        assertThat(data.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
        assertThat(data.getJsonObject("error").containsKey("param")).isTrue();
        assertThat(data.getLong("retry_after")).isEqualTo(3);
    }

    @Test
    void should_be_a_comment_when_it_is_a_keepalive() {
        assertThat(ImageEventWriter.keepalive().toString()).isEqualTo(": keepalive\n\n");
    }
}

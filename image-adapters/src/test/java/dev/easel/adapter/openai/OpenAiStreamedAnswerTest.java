package dev.easel.adapter.openai;

import static dev.easel.adapter.openai.OpenAiStreamFrames.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.PartialImage;
import dev.easel.adapter.PartialImages;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiStreamedAnswerTest {

    private static final byte[] PNG = image("png", 32, 24, 0);
    private static final byte[] JPEG = image("jpeg", 32, 24, 60);

    private final List<PartialImage> previews = new ArrayList<>();

    private OpenAiStreamedAnswer answer(int n, int partials) {
        return new OpenAiStreamedAnswer("openai", n, new PartialImages(partials, previews::add), "image/png",
                List.of(new Warning("size_adjusted", "size", "kept")));
    }

    /** Feeds whole frames through the real parser, as the body codec does. */
    private static void feed(OpenAiStreamedAnswer answer, String... frames) {
        OpenAiEventStreamParser parser = new OpenAiEventStreamParser("openai", 1 << 20, answer::accept);
        for (String frame : frames) {
            parser.feed(Buffer.buffer(frame));
        }
        parser.end();
    }

    @Test
    void should_hand_partials_to_the_sink_and_return_the_completed_image_when_one_image_streams() {
        OpenAiStreamedAnswer answer = answer(1, 2);

        feed(answer, OpenAiStreamFrames.partial("image_generation", JPEG, "jpeg", "1024x1024", 0),
                OpenAiStreamFrames.partial("image_generation", JPEG, "jpeg", "1024x1024", 1),
                OpenAiStreamFrames.completed("image_generation", PNG, "png", "1024x1024"));
        AdapterResult result = answer.finish();

        assertThat(previews).extracting(PartialImage::imageIndex, PartialImage::partialIndex, PartialImage::mediaType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0, "image/jpeg"),
                        org.assertj.core.groups.Tuple.tuple(0, 1, "image/jpeg"));
        assertThat(previews.get(0).data()).isEqualTo(JPEG);
        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class, b -> {
            assertThat(b.data()).isEqualTo(PNG);
            assertThat(b.mediaType()).isEqualTo("image/png");
        });
        assertThat(result.usage()).containsEntry("total_tokens", 4250);
        assertThat(((Number) result.metadata().get("created")).longValue()).isEqualTo(OpenAiStreamFrames.CREATED_AT);
        assertThat(result.metadata()).containsEntry("size", "1024x1024").containsEntry("quality", "high").containsEntry("output_format", "png");
        assertThat(result.warnings()).extracting(Warning::code).containsExactly("size_adjusted");
    }

    @Test
    void should_index_previews_by_completed_images_so_far_and_sum_usage_when_two_images_stream() {
        OpenAiStreamedAnswer answer = answer(2, 1);

        feed(answer, OpenAiStreamFrames.partial("image_edit", PNG, "png", "1024x1024", 0),
                OpenAiStreamFrames.completed("image_edit", PNG, "png", "1024x1024"),
                OpenAiStreamFrames.partial("image_edit", JPEG, "png", "1024x1024", 0),
                OpenAiStreamFrames.completed("image_edit", JPEG, "png", "1024x1024"));
        AdapterResult result = answer.finish();

        assertThat(previews).extracting(PartialImage::imageIndex).containsExactly(0, 1);
        assertThat(result.images()).hasSize(2);
        assertThat(result.usage()).containsEntry("total_tokens", 8500L);
        assertThat(result.usage().get("input_tokens_details")).isEqualTo(Map.of("text_tokens", 100L, "image_tokens", 0L));
    }

    @Test
    void should_drop_previews_beyond_the_asked_count() {
        OpenAiStreamedAnswer answer = answer(1, 1);

        feed(answer, OpenAiStreamFrames.partial("image_generation", PNG, "png", "1024x1024", 0),
                OpenAiStreamFrames.partial("image_generation", PNG, "png", "1024x1024", 1),
                OpenAiStreamFrames.completed("image_generation", PNG, "png", "1024x1024"));

        assertThat(previews).hasSize(1);
        assertThat(answer.finish().images()).hasSize(1);
    }

    @Test
    void should_skip_done_and_unknown_events() {
        OpenAiStreamedAnswer answer = answer(1, 1);

        feed(answer, OpenAiStreamFrames.frame("image_generation.progress", new io.vertx.core.json.JsonObject()
                        .put("type", "image_generation.progress")),
                OpenAiStreamFrames.completed("image_generation", PNG, "png", "1024x1024"),
                "data: [DONE]\n\n");

        assertThat(answer.finish().images()).hasSize(1);
    }

    @Test
    void should_fail_content_policy_without_failover_when_an_error_event_is_a_moderation_refusal() {
        OpenAiStreamedAnswer answer = answer(1, 2);

        assertThatThrownBy(() -> feed(answer, OpenAiStreamFrames.partial("image_generation", PNG, "png", "1024x1024", 0),
                OpenAiStreamFrames.error("moderation_blocked", "image_generation_user_error")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
                    assertThat(e.kind().failover()).isFalse();
                    assertThat(e.upstreamStatus()).isEqualTo(200);
                    assertThat(e.getMessage()).isEqualTo("openai sent an error event in its image stream "
                            + "(code moderation_blocked, type image_generation_user_error)");
                });
        assertThat(previews).hasSize(1);
    }

    @Test
    void should_fail_over_when_an_error_event_is_a_server_error() {
        OpenAiStreamedAnswer answer = answer(1, 0);

        assertThatThrownBy(() -> feed(answer, OpenAiStreamFrames.error(null, "server_error")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.kind().failover()).isTrue();
                });
    }

    @Test
    void should_fail_over_when_the_stream_ends_before_every_completed_image() {
        OpenAiStreamedAnswer answer = answer(2, 1);
        feed(answer, OpenAiStreamFrames.partial("image_generation", PNG, "png", "1024x1024", 0),
                OpenAiStreamFrames.completed("image_generation", PNG, "png", "1024x1024"));

        assertThatThrownBy(answer::finish).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
            assertThat(e.kind().failover()).isTrue();
            assertThat(e.getMessage()).isEqualTo("openai ended its image stream after 1 of 2 completed images");
        });
    }

    @Test
    void should_fail_upstream_when_event_data_is_not_json() {
        OpenAiStreamedAnswer answer = answer(1, 0);

        assertThatThrownBy(() -> feed(answer, "event: image_generation.completed\ndata: <html>\n\n"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
                    assertThat(e.getMessage()).contains("'image_generation.completed'");
                });
    }

    @Test
    void should_fail_invalid_image_when_a_completed_image_is_not_base64() {
        OpenAiStreamedAnswer answer = answer(1, 0);

        assertThatThrownBy(() -> feed(answer, "event: image_generation.completed\n"
                + "data: {\"type\":\"image_generation.completed\",\"b64_json\":\"%%%not base64\"}\n\n"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_IMAGE));
    }

    @Test
    void should_skip_a_preview_that_is_not_base64_and_still_return_the_image() {
        OpenAiStreamedAnswer answer = answer(1, 1);

        feed(answer, "event: image_generation.partial_image\n"
                        + "data: {\"type\":\"image_generation.partial_image\",\"b64_json\":\"%%%\",\"partial_image_index\":0}\n\n",
                OpenAiStreamFrames.completed("image_generation", OpenAiStreamFrames.WEBP_1X1, "webp", "1x1"));

        assertThat(previews).isEmpty();
        assertThat(answer.finish().images().get(0).mediaType()).isEqualTo("image/webp");
    }
}

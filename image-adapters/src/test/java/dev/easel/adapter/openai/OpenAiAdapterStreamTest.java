package dev.easel.adapter.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.openai.Fixtures.await;
import static dev.easel.adapter.openai.Fixtures.failure;
import static dev.easel.adapter.openai.Fixtures.request;
import static dev.easel.adapter.openai.OpenAiStreamFrames.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.PartialImage;
import dev.easel.adapter.PartialImages;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAI adapter against a WireMock OpenAI that streams (provider-edits.md section 2):
 * what goes upstream when previews are wanted, and how the event stream comes back.
 */
@ExtendWith(VertxExtension.class)
class OpenAiAdapterStreamTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final byte[] PREVIEW_0 = image("png", 48, 32, 0);
    private static final byte[] PREVIEW_1 = image("png", 48, 32, 40);
    private static final byte[] FINAL = image("png", 48, 32, 80);
    private static final byte[] JPEG = image("jpeg", 48, 32, 120);

    private final List<PartialImage> previews = new CopyOnWriteArrayList<>();
    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new OpenAiAdapterFactory().create(Fixtures.context(vertx, "openai", "openai",
                "http://127.0.0.1:" + wm.getPort() + "/v1", Map.of("max_response_bytes", 2_000_000)));
    }

    private PartialImages wanting(int count) {
        return new PartialImages(count, previews::add);
    }

    private static ResponseDefinitionBuilder eventStream(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8").withBody(body);
    }

    private static void generations(ResponseDefinitionBuilder answer) {
        wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(answer));
    }

    @Test
    void should_send_stream_and_partial_images_and_pass_previews_in_order_when_gpt_image_streams() throws Exception {
        generations(eventStream(OpenAiStreamFrames.partial("image_generation", PREVIEW_0, "png", "1024x1024", 0)
                + ": keepalive\n\n"
                + OpenAiStreamFrames.partial("image_generation", PREVIEW_1, "png", "1024x1024", 1)
                + OpenAiStreamFrames.completed("image_generation", FINAL, "png", "1024x1024")));

        AdapterResult result = await(adapter.generate(request("gpt-image-1").pixels(1024, 1024).partials(wanting(2)).build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withRequestBody(equalToJson("""
                        {"model":"gpt-image-1","prompt":"a lighthouse at dusk","n":1,"size":"1024x1024",
                         "output_format":"png","stream":true,"partial_images":2}""")));
        assertThat(previews).extracting(PartialImage::partialIndex).containsExactly(0, 1);
        assertThat(previews.get(0).data()).isEqualTo(PREVIEW_0);
        assertThat(previews.get(1).data()).isEqualTo(PREVIEW_1);
        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class,
                b -> assertThat(b.data()).isEqualTo(FINAL));
        assertThat(result.usage()).containsEntry("total_tokens", 4250);
    }

    @Test
    void should_pass_each_preview_before_the_stream_ends_when_events_arrive_slowly() throws Exception {
        // Ten chunks 100 ms apart: the preview in the first chunks must not wait for the last.
        generations(eventStream(OpenAiStreamFrames.partial("image_generation", PREVIEW_0, "png", "1024x1024", 0)
                + OpenAiStreamFrames.completed("image_generation", FINAL, "png", "1024x1024"))
                .withChunkedDribbleDelay(10, 1000));
        List<Long> previewAt = new CopyOnWriteArrayList<>();

        Future<AdapterResult> call = adapter.generate(request("gpt-image-1").partials(new PartialImages(1,
                p -> previewAt.add(System.nanoTime()))).build());
        await(call);
        long doneAt = System.nanoTime();

        assertThat(previewAt).hasSize(1);
        assertThat((doneAt - previewAt.get(0)) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void should_stop_reading_the_stream_when_the_request_is_abandoned() throws Exception {
        generations(eventStream(OpenAiStreamFrames.partial("image_generation", PREVIEW_0, "png", "1024x1024", 0)
                + OpenAiStreamFrames.partial("image_generation", PREVIEW_1, "png", "1024x1024", 1)
                + OpenAiStreamFrames.completed("image_generation", FINAL, "png", "1024x1024"))
                .withChunkedDribbleDelay(20, 2000));
        io.vertx.core.Promise<Void> abandon = io.vertx.core.Promise.promise();

        // The caller goes away once the first preview is in.
        ProviderException e = failure(adapter.generate(request("gpt-image-1").abandoned(abandon.future())
                .partials(new PartialImages(2, p -> {
                    previews.add(p);
                    abandon.tryComplete();
                })).build()));

        assertThat(e.getMessage()).isEqualTo("openai: the stream was abandoned");
        assertThat(previews).hasSize(1);
    }

    @Test
    void should_send_stream_fields_as_form_values_when_an_edit_streams() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/edits")).willReturn(eventStream(
                OpenAiStreamFrames.partial("image_edit", PREVIEW_0, "png", "1024x1024", 0)
                        + OpenAiStreamFrames.completed("image_edit", JPEG, "jpeg", "1024x1024"))));

        AdapterResult result = await(adapter.generate(request("gpt-image-1").outputFormat("jpeg")
                .edit(List.of(new InputImage(PREVIEW_1, "image/png")), null).partials(wanting(1)).build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/edits"))
                .withRequestBodyPart(aMultipart().withName("stream").withBody(equalTo("true")).build())
                .withRequestBodyPart(aMultipart().withName("partial_images").withBody(equalTo("1")).build())
                .withRequestBodyPart(aMultipart().withName("output_format").withBody(equalTo("jpeg")).build()));
        assertThat(previews).singleElement().satisfies(p -> assertThat(p.imageIndex()).isZero());
        assertThat(result.images()).singleElement().satisfies(i -> assertThat(i.mediaType()).isEqualTo("image/jpeg"));
    }

    @Test
    void should_not_stream_when_no_previews_are_wanted() throws Exception {
        generations(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                "{\"created\":1,\"data\":[{\"b64_json\":\"" + java.util.Base64.getEncoder().encodeToString(FINAL) + "\"}]}"));

        await(adapter.generate(request("gpt-image-1").build()));

        assertThat(wm.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("stream");
        assertThat(adapter.streamsPartials("gpt-image-1")).isTrue();
        assertThat(adapter.streamsPartials("chatgpt-image-latest")).isTrue();
        assertThat(adapter.streamsPartials("dall-e-3")).isFalse();
    }

    @Test
    void should_fail_content_policy_after_previews_when_an_error_event_arrives_mid_stream() throws Exception {
        generations(eventStream(OpenAiStreamFrames.partial("image_generation", PREVIEW_0, "png", "1024x1024", 0)
                + OpenAiStreamFrames.error("moderation_blocked", "image_generation_user_error")));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").partials(wanting(2)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(previews).hasSize(1);
    }

    @Test
    void should_fail_with_a_failover_error_when_the_stream_ends_without_a_completed_event() throws Exception {
        generations(eventStream(OpenAiStreamFrames.partial("image_generation", PREVIEW_0, "png", "1024x1024", 0)
                + OpenAiStreamFrames.partial("image_generation", PREVIEW_1, "png", "1024x1024", 1)));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").partials(wanting(2)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.kind().failover()).isTrue();
        assertThat(e.getMessage()).contains("after 0 of 1 completed images");
    }

    @Test
    void should_fail_over_when_the_connection_drops_mid_event() throws Exception {
        String full = OpenAiStreamFrames.completed("image_generation", FINAL, "png", "1024x1024");
        // A body shorter than its Content-Length: the connection closes in the middle of the event.
        generations(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withHeader("Content-Length", Integer.toString(full.length()))
                .withBody(full.substring(0, full.length() / 2)));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").partials(wanting(1)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.kind().failover()).isTrue();
        assertThat(e.getMessage()).isEqualTo("openai: the images call got no answer (HttpClosedException)");
    }

    @Test
    void should_read_the_json_error_when_a_streamed_request_is_refused_before_streaming() throws Exception {
        generations(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"Invalid value for 'partial_images'.","type":"invalid_request_error","param":"partial_images","code":"invalid_value"}}"""));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").partials(wanting(3)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("param partial_images");
    }

    @Test
    void should_read_a_json_answer_when_an_upstream_ignores_stream() throws Exception {
        generations(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                "{\"created\":1,\"data\":[{\"b64_json\":\"" + java.util.Base64.getEncoder().encodeToString(FINAL) + "\"}]}"));

        AdapterResult result = await(adapter.generate(request("gpt-image-1").partials(wanting(2)).build()));

        assertThat(result.images()).hasSize(1);
        assertThat(previews).isEmpty();
    }

    @Test
    void should_fail_at_the_body_cap_when_an_event_never_ends() throws Exception {
        generations(eventStream("event: image_generation.completed\ndata: " + "A".repeat(2_100_000)));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").partials(wanting(1)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).contains("2000000 byte limit");
    }
}

package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.gateway.testing.ProviderStubs.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.images.ImageEditCompletedEvent;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageEditPartialImageEvent;
import com.openai.models.images.ImageEditStreamEvent;
import com.openai.models.images.ImageGenCompletedEvent;
import com.openai.models.images.ImageGenPartialImageEvent;
import com.openai.models.images.ImageGenStreamEvent;
import com.openai.models.images.ImageGenerateParams;
import dev.easel.gateway.e2e.StreamingEndToEndTest.Event;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.ProviderGateway;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.media.ImageFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code stream: true} on hosted providers, end to end: the real gateway, the official
 * openai-java SDK, and WireMock stand-ins speaking each provider's protocol. OpenAI's GPT
 * image route streams its own partial images (an SSE stub framed as OpenAI frames them), which
 * reach the caller transcoded to the asked format with {@code image_index}; Gemini and fal do
 * not stream, so their streams are emulated. Catalog: {@code streaming-catalog.yaml}.
 */
class ProviderStreamingEndToEndTest {

    @RegisterExtension
    static final ProviderGateway provider = ProviderGateway.withCatalog("/streaming-catalog.yaml");
    private static final ProviderStubs stubs = provider.stubs();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PROMPT = "a lighthouse on a cliff at dusk";

    @Test
    void should_pass_openai_partials_through_as_webp_with_image_index_when_the_sdk_streams_two_images() throws Exception {
        stubs.openAiImageStream("generations", ImageFormat.PNG, 1024, 1024, 2, 2);
        List<ImageGenPartialImageEvent> partials = new ArrayList<>();
        List<ImageGenCompletedEvent> completed = new ArrayList<>();

        try (StreamResponse<ImageGenStreamEvent> stream = provider.client().images()
                .generateStreaming(ImageGenerateParams.builder()
                .model("gpt-image-1")
                .prompt(PROMPT)
                .n(2)
                .size(ImageGenerateParams.Size._1024X1024)
                .outputFormat(ImageGenerateParams.OutputFormat.WEBP)
                .partialImages(2)
                .build())) {
            stream.stream().forEach(e -> {
                e.generationPartialImage().ifPresent(partials::add);
                e.generationCompleted().ifPresent(completed::add);
            });
        }

        // One upstream call for both images, asking OpenAI to stream two previews of each, in its default PNG.
        provider.verify(1, postRequestedFor(urlEqualTo(OPENAI + "/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.OPENAI_KEY))
                .withRequestBody(equalToJson("""
                        {"model":"gpt-image-1","prompt":"%s","n":2,"size":"1024x1024","stream":true,"partial_images":2}""".formatted(PROMPT))));
        // Each image's previews in OpenAI's order, numbered by image.
        assertThat(partials).extracting(p -> imageIndex(p._additionalProperties())).containsExactly(0, 0, 1, 1);
        assertThat(partials).extracting(ImageGenPartialImageEvent::partialImageIndex).containsExactly(0L, 1L, 0L, 1L);
        for (ImageGenPartialImageEvent p : partials) {
            assertWebp1024(p.b64Json());
            assertThat(p.outputFormat()).isEqualTo(ImageGenPartialImageEvent.OutputFormat.WEBP);
            assertThat(p.size()).isEqualTo(ImageGenPartialImageEvent.Size._1024X1024);
        }
        assertThat(completed).extracting(c -> imageIndex(c._additionalProperties())).containsExactly(0, 1);
        for (ImageGenCompletedEvent c : completed) {
            assertWebp1024(c.b64Json());
            assertThat(c.outputFormat()).isEqualTo(ImageGenCompletedEvent.OutputFormat.WEBP);
            JsonObject metadata = json(c._additionalProperties().get("metadata"));
            assertThat(metadata.getString("provider")).isEqualTo("openai");
            assertThat(metadata.getJsonArray("attempts")).hasSize(1);
        }
        assertThat(completed.get(0).usage().totalTokens()).isEqualTo(8500L);
    }

    @Test
    void should_pass_openai_edit_partials_through_as_jpeg_when_the_sdk_streams_an_edit() throws Exception {
        stubs.openAiImageStream("edits", ImageFormat.PNG, 1024, 1024, 1, 1);
        List<ImageEditPartialImageEvent> partials = new ArrayList<>();
        List<ImageEditCompletedEvent> completed = new ArrayList<>();

        try (StreamResponse<ImageEditStreamEvent> stream = provider.client().images().editStreaming(ImageEditParams.builder()
                .model("gpt-image-1")
                .prompt("add a moon")
                .image(ProviderStubs.image(ImageFormat.PNG, 512, 512))
                .size(ImageEditParams.Size._1024X1024)
                .outputFormat(ImageEditParams.OutputFormat.JPEG)
                .partialImages(1)
                .build())) {
            stream.stream().forEach(e -> {
                e.partialImage().ifPresent(partials::add);
                e.completed().ifPresent(completed::add);
            });
        }

        provider.verify(1, postRequestedFor(urlEqualTo(OPENAI + "/images/edits"))
                .withRequestBodyPart(aMultipart().withName("stream").withBody(equalTo("true")).build())
                .withRequestBodyPart(aMultipart().withName("partial_images").withBody(equalTo("1")).build()));
        assertThat(provider.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("name=\"output_format\"");
        assertThat(partials).singleElement().satisfies(p -> {
            assertThat(p._type()).isEqualTo(JsonValue.from("image_edit.partial_image"));
            assertThat(imageIndex(p._additionalProperties())).isZero();
            assertImage(p.b64Json(), "jpeg", 1024, 1024);
        });
        assertThat(completed).singleElement().satisfies(c -> {
            assertThat(c._type()).isEqualTo(JsonValue.from("image_edit.completed"));
            assertImage(c.b64Json(), "jpeg", 1024, 1024);
        });
    }

    @Test
    void should_send_an_error_event_after_the_previews_when_openai_refuses_mid_stream() throws Exception {
        stubs.openAiStreamAnswer("generations", ProviderStubs.openAiPartialEvent("image_generation",
                ProviderStubs.preview(ImageFormat.PNG, 1024, 1024, 3), ImageFormat.PNG, 1024, 1024, 0)
                + ProviderStubs.openAiErrorEvent("moderation_blocked", "image_generation_user_error",
                "Your request was rejected by the safety system."));

        HttpResponse<String> r = post("{\"model\":\"gpt-image-1\",\"prompt\":\"p\",\"stream\":true,\"partial_images\":2,"
                + "\"output_format\":\"png\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        List<Event> events = StreamingEndToEndTest.events(r.body());
        assertThat(events).extracting(Event::type).containsExactly("image_generation.partial_image", "error");
        JsonObject error = events.get(1).data().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("content_policy_violation");
        // A refusal is the user's: the local route behind OpenAI was not tried.
        JsonArray attempts = events.get(1).data().getJsonObject("metadata").getJsonArray("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getJsonObject(0).getString("provider")).isEqualTo("openai");
    }

    @Test
    void should_fail_over_inside_the_stream_when_openai_stops_after_its_previews() throws Exception {
        stubs.openAiStreamAnswer("generations", ProviderStubs.openAiPartialEvent("image_generation",
                ProviderStubs.preview(ImageFormat.PNG, 1024, 1024, 3), ImageFormat.PNG, 1024, 1024, 0)
                + ProviderStubs.openAiPartialEvent("image_generation",
                ProviderStubs.preview(ImageFormat.PNG, 1024, 1024, 2), ImageFormat.PNG, 1024, 1024, 1));

        HttpResponse<String> r = post("{\"model\":\"gpt-image-1\",\"prompt\":\"p\",\"stream\":true,\"partial_images\":2,"
                + "\"size\":\"1024x1024\",\"output_format\":\"png\"}");

        List<Event> events = StreamingEndToEndTest.events(r.body());
        // OpenAI's two previews, then the local route's own two and its image: previews are only previews.
        assertThat(events).extracting(Event::type).containsExactly("image_generation.partial_image",
                "image_generation.partial_image", "image_generation.partial_image", "image_generation.partial_image",
                "image_generation.completed");
        assertThat(events).extracting(e -> e.data().getInteger("partial_image_index")).containsExactly(0, 1, 0, 1, null);
        JsonObject metadata = events.get(4).data().getJsonObject("metadata");
        assertThat(metadata.getString("provider")).isEqualTo("local");
        JsonArray attempts = metadata.getJsonArray("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.getJsonObject(0).getString("provider")).isEqualTo("openai");
        assertThat(attempts.getJsonObject(0).getString("code")).isEqualTo("provider_error");
        assertImage(events.get(4).data().getString("b64_json"), "png", 1024, 1024);
    }

    @Test
    void should_emulate_the_stream_with_one_completed_event_per_image_when_gemini_serves_it() throws Exception {
        stubs.geminiImage("gemini-2.5-flash-image", 1024, 1024);
        List<ImageGenPartialImageEvent> partials = new ArrayList<>();
        List<ImageGenCompletedEvent> completed = new ArrayList<>();

        try (StreamResponse<ImageGenStreamEvent> stream = provider.client().images()
                .generateStreaming(ImageGenerateParams.builder()
                .model("gemini-2.5-flash-image")
                .prompt(PROMPT)
                .n(2)
                .outputFormat(ImageGenerateParams.OutputFormat.PNG)
                .partialImages(2)
                .build())) {
            stream.stream().forEach(e -> {
                e.generationPartialImage().ifPresent(partials::add);
                e.generationCompleted().ifPresent(completed::add);
            });
        }

        assertThat(partials).isEmpty();
        assertThat(completed).extracting(c -> imageIndex(c._additionalProperties())).containsExactly(0, 1);
        for (ImageGenCompletedEvent c : completed) {
            assertImage(c.b64Json(), "png", 1024, 1024);
            JsonObject metadata = json(c._additionalProperties().get("metadata"));
            assertThat(metadata.getString("provider")).isEqualTo("gemini");
            assertThat(metadata.getJsonArray("warnings").encode()).contains("partial_images_unavailable");
        }
        // Gemini makes one image per call: n=2 was two generateContent calls.
        provider.verify(2, postRequestedFor(urlEqualTo(ProviderStubs.GEMINI + "/models/gemini-2.5-flash-image:generateContent")));
    }

    @Test
    void should_emulate_the_stream_when_fal_serves_it_through_its_queue() throws Exception {
        stubs.falImages("fal-ai/flux/schnell", "f5e7a1c0-stream", ImageFormat.JPEG, 1024, 768);

        HttpResponse<String> r = post("{\"model\":\"flux-schnell\",\"prompt\":\"p\",\"stream\":true,\"partial_images\":1,"
                + "\"output_format\":\"jpeg\"}");

        List<Event> events = StreamingEndToEndTest.events(r.body());
        assertThat(events).extracting(Event::type).containsExactly("image_generation.completed");
        JsonObject completed = events.get(0).data();
        assertThat(completed.getInteger("image_index")).isZero();
        assertThat(completed.getString("output_format")).isEqualTo("jpeg");
        assertThat(completed.getString("size")).isEqualTo("1024x768");
        assertImage(completed.getString("b64_json"), "jpeg", 1024, 768);
        assertThat(completed.getJsonObject("metadata").getString("provider")).isEqualTo("fal");
        assertThat(completed.getJsonObject("metadata").getJsonArray("warnings").encode()).contains("partial_images_unavailable");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(provider.gateway().baseUrl() + "/v1/images/generations"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int imageIndex(Map<String, JsonValue> extra) {
        return ((Number) extra.get("image_index").asNumber().orElseThrow()).intValue();
    }

    @SuppressWarnings("unchecked")
    private static JsonObject json(JsonValue value) {
        return new JsonObject((Map<String, Object>) value.convert(Map.class));
    }

    private static void assertWebp1024(String b64) {
        assertImage(b64, "webp", 1024, 1024);
    }

    private static void assertImage(String b64, String format, int width, int height) {
        byte[] bytes = Base64.getDecoder().decode(b64);
        assertThat(Images.magic(bytes)).isEqualTo(format);
        try {
            BufferedImage decoded = Images.decode(bytes);
            assertThat(decoded.getWidth()).isEqualTo(width);
            assertThat(decoded.getHeight()).isEqualTo(height);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

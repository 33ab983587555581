package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.images.ImageEditCompletedEvent;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageEditPartialImageEvent;
import com.openai.models.images.ImageEditStreamEvent;
import com.openai.models.images.ImageGenCompletedEvent;
import com.openai.models.images.ImageGenPartialImageEvent;
import com.openai.models.images.ImageGenStreamEvent;
import com.openai.models.images.ImageGenerateParams;
import dev.easel.gateway.testing.FailoverGateway;
import dev.easel.gateway.testing.FalQueueStub;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.OpenAiCompatibleStub;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code stream: true} end to end: the real gateway over HTTP with the failover test catalog
 * ({@code test-pattern} on the local provider, {@code duo} on two OpenAI-compatible WireMock
 * servers, {@code slow} on a fal queue that never finishes), read as raw server-sent events
 * and through openai-java's {@code generateStreaming}.
 */
class StreamingEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final FailoverGateway failover =
            new FailoverGateway(Map.of("EASEL_REQUEST_TIMEOUT", "10s", "EASEL_HTTP_INSTANCES", "3"));
    private static final OpenAiCompatibleStub alpha = failover.alpha();
    private static final OpenAiCompatibleStub beta = failover.beta();
    private static final FalQueueStub fal = failover.fal();

    @Test
    void should_stream_partials_then_completed_images_when_the_openai_sdk_streams_test_pattern() throws Exception {
        List<ImageGenPartialImageEvent> partials = new ArrayList<>();
        List<ImageGenCompletedEvent> completed = new ArrayList<>();
        try (StreamResponse<ImageGenStreamEvent> stream = failover.gateway().openAiClient().images().generateStreaming(
                ImageGenerateParams.builder()
                        .model("test-pattern")
                        .prompt("a lighthouse at dusk")
                        .size(ImageGenerateParams.Size.of("320x192"))
                        .outputFormat(ImageGenerateParams.OutputFormat.WEBP)
                        .partialImages(2)
                        .build())) {
            stream.stream().forEach(e -> {
                e.generationPartialImage().ifPresent(partials::add);
                e.generationCompleted().ifPresent(completed::add);
            });
        }

        assertThat(partials).extracting(ImageGenPartialImageEvent::partialImageIndex).containsExactly(0L, 1L);
        for (ImageGenPartialImageEvent p : partials) {
            byte[] bytes = Base64.getDecoder().decode(p.b64Json());
            assertThat(Images.magic(bytes)).isEqualTo("webp");
            assertThat(p._additionalProperties().get("image_index").asNumber()).hasValue(0);
        }
        assertThat(completed).hasSize(1);
        byte[] image = Base64.getDecoder().decode(completed.get(0).b64Json());
        assertThat(Images.magic(image)).isEqualTo("webp");
        BufferedImage decoded = Images.decode(image);
        assertThat(decoded.getWidth()).isEqualTo(320);
        assertThat(decoded.getHeight()).isEqualTo(192);
        assertThat(completed.get(0).size().asString()).isEqualTo("320x192");
    }

    @Test
    void should_stream_edit_partials_and_completed_images_when_the_openai_sdk_streams_an_edit() throws Exception {
        BufferedImage input = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(input, "png", png);
        List<ImageEditPartialImageEvent> partials = new ArrayList<>();
        List<ImageEditCompletedEvent> completed = new ArrayList<>();
        // The shipped catalog: its test-pattern route edits.
        try (RunningGateway shipped = RunningGateway.start();
             StreamResponse<ImageEditStreamEvent> stream = shipped.openAiClient().images().editStreaming(
                ImageEditParams.builder()
                        .model("test-pattern")
                        .prompt("add a moon")
                        .image(png.toByteArray())
                        .size(ImageEditParams.Size.of("256x256"))
                        .outputFormat(ImageEditParams.OutputFormat.JPEG)
                        .partialImages(1)
                        .n(2)
                        .build())) {
            stream.stream().forEach(e -> {
                e.partialImage().ifPresent(partials::add);
                e.completed().ifPresent(completed::add);
            });
        }

        assertThat(partials).hasSize(2);
        List<Integer> indexes = new ArrayList<>();
        for (ImageEditPartialImageEvent p : partials) {
            indexes.add(((Number) p._additionalProperties().get("image_index").asNumber().orElseThrow()).intValue());
        }
        assertThat(indexes).containsExactlyInAnyOrder(0, 1);
        assertThat(completed).hasSize(2);
        for (ImageEditCompletedEvent c : completed) {
            byte[] image = Base64.getDecoder().decode(c.b64Json());
            assertThat(Images.magic(image)).isEqualTo("jpeg");
            BufferedImage decoded = Images.decode(image);
            assertThat(decoded.getWidth()).isEqualTo(256);
            assertThat(decoded.getHeight()).isEqualTo(256);
        }
    }

    @Test
    void should_frame_events_as_openai_does_and_send_three_completed_events_when_n_is_three() throws Exception {
        HttpResponse<String> r = post("{\"model\":\"test-pattern\",\"prompt\":\"three\",\"n\":3,\"size\":\"128x128\","
                + "\"stream\":true,\"response_format\":\"url\"}", Map.of());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<Event> events = events(r.body());
        assertThat(events).extracting(Event::type).containsExactly("image_generation.completed",
                "image_generation.completed", "image_generation.completed");
        assertThat(events).extracting(e -> e.data().getInteger("image_index")).containsExactly(0, 1, 2);
        for (Event e : events) {
            assertThat(e.data().getString("type")).isEqualTo(e.type());
            assertThat(e.data().getString("url")).startsWith(failover.gateway().baseUrl() + "/v1/files/");
            assertThat(Images.magic(Base64.getDecoder().decode(e.data().getString("b64_json")))).isEqualTo("png");
            assertThat(e.data().getJsonObject("metadata").getString("provider")).isEqualTo("local");
        }
        assertThat(r.body()).doesNotContain("[DONE]");
    }

    @Test
    void should_say_partials_are_unavailable_when_an_emulated_route_streams() throws Exception {
        alpha.succeeds();

        HttpResponse<String> r = post("{\"model\":\"duo\",\"prompt\":\"p\",\"stream\":true,\"partial_images\":2}", Map.of());

        List<Event> events = events(r.body());
        assertThat(events).extracting(Event::type).containsExactly("image_generation.completed");
        assertThat(events.get(0).data().getJsonObject("metadata").getJsonArray("warnings").encode())
                .contains("partial_images_unavailable");
    }

    @Test
    void should_fail_over_inside_the_stream_when_the_first_route_is_down() throws Exception {
        alpha.unavailable();
        beta.succeeds();

        HttpResponse<String> r = post("{\"model\":\"duo\",\"prompt\":\"p\",\"stream\":true}", Map.of());

        List<Event> events = events(r.body());
        assertThat(events).extracting(Event::type).containsExactly("image_generation.completed");
        JsonObject metadata = events.get(0).data().getJsonObject("metadata");
        assertThat(metadata.getString("provider")).isEqualTo("beta");
        assertThat(metadata.getJsonArray("attempts").size()).isEqualTo(2);
    }

    @Test
    void should_send_an_error_event_when_the_provider_refuses_after_the_stream_started() throws Exception {
        alpha.refusesOnContentPolicy();

        HttpResponse<String> r = post("{\"model\":\"duo\",\"prompt\":\"p\",\"stream\":true}", Map.of());

        assertThat(r.statusCode()).isEqualTo(200);
        List<Event> events = events(r.body());
        assertThat(events).extracting(Event::type).containsExactly("error");
        JsonObject error = events.get(0).data().getJsonObject("error");
        assertThat(events.get(0).data().getString("type")).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo("content_policy_violation");
        assertThat(error.containsKey("param")).isTrue();
        assertThat(beta.calls()).isZero();
    }

    @Test
    void should_count_a_stream_ending_in_an_error_event_as_status_200_with_the_error_as_outcome() throws Exception {
        alpha.refusesOnContentPolicy();

        HttpResponse<String> r = post("{\"model\":\"duo\",\"prompt\":\"p\",\"stream\":true}", Map.of());
        assertThat(events(r.body())).extracting(Event::type).containsExactly("error");

        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(failover.gateway().baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // The status that went out is 200; the outcome is what happened, so dashboards count a failure.
        assertThat(metrics).containsPattern("(?m)^easel_request_seconds_count\\{model=\"duo\",outcome=\"content_policy_violation\","
                + "provider=\"alpha\",route=\"generations\"\\} 1(\\.0)?$");
        assertThat(metrics).doesNotContainPattern("easel_request_seconds_count\\{[^}]*outcome=\"ok\"[^}]*route=\"generations\"");
        assertThat(metrics).containsPattern("(?m)^easel_generation_requests_seconds_count\\{status=\"200\"\\} 1(\\.0)?$");
        assertThat(metrics).doesNotContain("easel_generation_requests_seconds_count{status=\"400\"}");
    }

    @Test
    void should_answer_plain_json_when_the_model_is_unknown_before_streaming() throws Exception {
        HttpResponse<String> r = post("{\"model\":\"no-such-model\",\"prompt\":\"p\",\"stream\":true}", Map.of());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("model_not_found");
    }

    @Test
    void should_send_keepalive_comments_while_a_slow_provider_works() throws Exception {
        // Within alpha's 1 s timeout_s, several keepalive intervals long.
        alpha.succeedsAfter(800);
        try (RunningGateway quick = failover.start(Map.of("EASEL_STREAM_KEEPALIVE", "150ms"))) {
            HttpResponse<String> r = post(quick, "{\"model\":\"duo\",\"prompt\":\"p\",\"stream\":true}", Map.of());

            String beforeImage = r.body().substring(0, r.body().indexOf("event: "));
            assertThat(beforeImage.split(": keepalive\n\n", -1).length - 1).isGreaterThanOrEqualTo(3);
            assertThat(events(r.body())).extracting(Event::type).containsExactly("image_generation.completed");
        }
    }

    @Test
    void should_replay_the_completed_events_when_an_idempotency_key_repeats_a_streamed_request() throws Exception {
        alpha.succeeds();
        String body = "{\"model\":\"duo\",\"prompt\":\"p\",\"stream\":true}";

        HttpResponse<String> first = post(body, Map.of("Idempotency-Key", "stream-1"));
        HttpResponse<String> again = post(body, Map.of("Idempotency-Key", "stream-1"));

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(events(again.body())).extracting(Event::type).containsExactly("image_generation.completed");
        assertThat(alpha.calls()).isEqualTo(1);
    }

    @Test
    void should_cancel_the_fal_job_when_the_streaming_client_disconnects() throws Exception {
        fal.staysInQueue("fal-ai/flux/schnell");
        String body = "{\"model\":\"slow\",\"prompt\":\"p\",\"stream\":true}";
        int port = URI.create(failover.gateway().baseUrl()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            awaitUpTo(Duration.ofSeconds(5), () -> !fal.server().findAll(
                    postRequestedFor(urlEqualTo("/fal-ai/flux/schnell"))).isEmpty());
        }
        awaitUpTo(Duration.ofSeconds(5), () -> !fal.cancels("fal-ai/flux").isEmpty());
        assertThat(fal.cancels("fal-ai/flux")).hasSize(1);
    }

    // ---- helpers ---------------------------------------------------------------------------

    record Event(String type, JsonObject data) {
    }

    /** Parses OpenAI's framing strictly: {@code event:} then one {@code data:} line, blank line; comments skipped. */
    static List<Event> events(String body) {
        List<Event> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            List<String> lines = block.lines().filter(l -> !l.startsWith(":") && !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                continue;
            }
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("event: ");
            assertThat(lines.get(1)).startsWith("data: ");
            out.add(new Event(lines.get(0).substring(7), new JsonObject(lines.get(1).substring(6))));
        }
        return out;
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return post(failover.gateway(), body, headers);
    }

    private static HttpResponse<String> post(RunningGateway target, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/images/generations"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code condition} every 20 ms; fails when it is still false after {@code limit}. */
    private static void awaitUpTo(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", limit).isLessThan(end);
            Thread.sleep(20);
        }
    }
}

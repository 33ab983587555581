package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.gateway.testing.ProviderStubs.BFL;
import static dev.easel.gateway.testing.ProviderStubs.FAL;
import static dev.easel.gateway.testing.ProviderStubs.STABILITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.InternalServerException;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.gateway.testing.RunningGateway;
import dev.easel.media.ImageFormat;
import dev.easel.storage.S3ProxyServer;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The output pipeline end to end (issues 3 and 5): a provider's URL or bytes become the
 * format, size and delivery the user asked for, with the normalization report telling what
 * happened. The gateway runs with images hosted in a real S3 server (S3Proxy) and
 * {@code EASEL_REHOST=when_needed}, providers are WireMock stubs.
 */
class OutputPipelineEndToEndTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String BUCKET = "easel-images";
    private static final String PROMPT = "a red fox in fresh snow";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ProviderStubs stubs;
    private static S3ProxyServer s3;
    private static RunningGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        stubs = new ProviderStubs(wm);
        s3 = S3ProxyServer.start(BUCKET);
        gateway = RunningGateway.start(s3Env(S3ProxyServer.SECRET_KEY, Map.of("EASEL_REHOST", "when_needed")));
        client = sdk(gateway);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
        s3.close();
    }

    @Test
    void should_answer_webp_base64_when_a_url_provider_served_jpeg() throws Exception {
        stubs.falImages("fal-ai/flux/schnell", "webp-1", ImageFormat.JPEG, 1024, 768);
        double transcodesBefore = workerTranscodes();

        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("fal/flux-schnell")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1024x768"))
                .outputFormat(ImageGenerateParams.OutputFormat.WEBP)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        byte[] bytes = Base64.getDecoder().decode(only(response).b64Json().orElseThrow());
        assertImage(bytes, "webp", 1024, 768);
        assertThat(response.outputFormat().orElseThrow().asString()).isEqualTo("webp");
        assertThat(workerTranscodes()).isEqualTo(transcodesBefore + 1);
        // fal makes jpeg or png only: webp is not asked of it, the gateway transcodes.
        wm.verify(postRequestedFor(urlEqualTo(FAL + "/fal-ai/flux/schnell")).withRequestBody(equalToJson("""
                {"prompt":"%s","num_images":1,"image_size":"landscape_4_3"}""".formatted(PROMPT))));
    }

    @Test
    void should_host_the_image_in_s3_when_a_base64_provider_is_asked_for_a_url() throws Exception {
        stubs.openAiImage("gpt-image-1", ImageFormat.PNG, 1024, 1024, null);
        String dayBefore = today();

        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("gpt-image-1")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size._1024X1024)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .build());

        String requestId = raw.headers().values("x-request-id").get(0);
        URI url = URI.create(only(raw.parse()).url().orElseThrow());
        assertThat(url.getScheme() + "://" + url.getAuthority()).isEqualTo(s3.endpoint().toString());
        assertThat(url.getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=");
        String prefix = "/" + BUCKET + "/images/";
        assertThat(url.getPath()).startsWith(prefix);
        assertThat(url.getPath().substring(prefix.length(), prefix.length() + 10)).isIn(dayBefore, today());
        // Stored names are 128 random bits, never the request id (issue 10, finding 4).
        assertThat(url.getPath()).doesNotContain(requestId)
                .matches("/" + BUCKET + "/images/\\d{4}/\\d{2}/\\d{2}/[0-9a-f]{32}\\.png");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-type")).contains("image/png");
        assertImage(download.body(), "png", 1024, 1024);
    }

    @Test
    void should_pass_the_provider_url_through_when_rehost_is_when_needed_and_nothing_changed() throws Exception {
        String providerUrl = stubs.falImages("fal-ai/flux/schnell", "pass-1", ImageFormat.JPEG, 1024, 768);
        double transcodesBefore = workerTranscodes();

        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("fal/flux-schnell")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1024x768"))
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .build());

        assertThat(only(response).url()).contains(providerUrl);
        // Passed through, but only after the gateway checked the bytes once.
        assertThat(stubs.mediaRequests()).hasSize(1);
        assertImage(get(providerUrl), "jpeg", 1024, 768);
        // A header read was all it needed: done where the bytes arrived, with no hop to a worker.
        assertThat(workerTranscodes()).isEqualTo(transcodesBefore);
    }

    @Test
    void should_deliver_exactly_the_requested_pixels_and_rehost_when_size_mode_is_exact_on_bfl() throws Exception {
        String providerUrl = stubs.bflReady("flux-pro-1.1", "exact-bfl-1", ImageFormat.PNG, 960, 672);

        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("bfl/flux-1.1-pro")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1000x700"))
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .putAdditionalBodyProperty("size_mode", JsonValue.from("exact"))
                .build());

        ImagesResponse response = raw.parse();
        String url = only(response).url().orElseThrow();
        // Same format, but resized: when_needed must rehost, not pass the provider's URL through.
        assertThat(url).isNotEqualTo(providerUrl).startsWith(s3.endpoint() + "/" + BUCKET + "/images/");
        assertImage(get(url), "png", 1000, 700);
        assertThat(response.size().orElseThrow().asString()).isEqualTo("1000x700");
        Map<String, Object> normalization = normalization(response);
        assertThat(normalization).containsEntry("requested", "1000x700").containsEntry("sent", "960x672")
                .containsEntry("delivered", "1000x700").containsEntry("size_mode", "exact").containsEntry("resized", true);
        assertThat(((Number) normalization.get("resize_factor")).doubleValue()).isCloseTo(1000 / 960.0, within(1e-3));
        wm.verify(postRequestedFor(urlEqualTo(BFL + "/flux-pro-1.1")).withRequestBody(equalToJson("""
                {"prompt":"%s","width":960,"height":672,"output_format":"png"}""".formatted(PROMPT))));
    }

    @Test
    void should_crop_and_scale_gemini_pixels_to_1920x1080_when_size_mode_is_exact() throws Exception {
        stubs.geminiImage("gemini-2.5-flash-image", 1344, 768);

        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("gemini-2.5-flash-image")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1920x1080"))
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .putAdditionalBodyProperty("size_mode", JsonValue.from("exact"))
                .build());

        assertImage(Base64.getDecoder().decode(only(response).b64Json().orElseThrow()), "png", 1920, 1080);
        Map<String, Object> normalization = normalization(response);
        assertThat(normalization).containsEntry("sent", "16:9").containsEntry("delivered", "1920x1080")
                .containsEntry("resized", true);
        // Cover: the larger of 1920/1344 and 1080/768, then the excess height is cropped.
        assertThat(((Number) normalization.get("resize_factor")).doubleValue()).isCloseTo(1920 / 1344.0, within(1e-3));
        wm.verify(postRequestedFor(urlEqualTo(ProviderStubs.GEMINI + "/models/gemini-2.5-flash-image:generateContent"))
                .withRequestBody(WireMock.matchingJsonPath("$.generationConfig.imageConfig.aspectRatio", equalTo("16:9"))));
    }

    @Test
    void should_render_the_exact_size_when_size_mode_is_exact_on_test_pattern() throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("test-pattern")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("333x777"))
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .putAdditionalBodyProperty("size_mode", JsonValue.from("exact"))
                .build());

        assertImage(Base64.getDecoder().decode(only(response).b64Json().orElseThrow()), "jpeg", 333, 777);
        assertThat(normalization(response)).containsEntry("delivered", "333x777").containsEntry("size_mode", "exact");
        assertThat(response.size().orElseThrow().asString()).isEqualTo("333x777");
    }

    @Test
    void should_report_the_ratio_sent_and_a_size_warning_when_stability_gets_a_pixel_size() throws Exception {
        stubs.stabilityImage("core", ImageFormat.PNG, 1344, 768);

        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("stable-image-core")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1920x1080"))
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(Base64.getDecoder().decode(only(response).b64Json().orElseThrow()), "png", 1344, 768);
        wm.verify(postRequestedFor(urlEqualTo(STABILITY + "/v2beta/stable-image/generate/core"))
                .withRequestBodyPart(aMultipart().withName("aspect_ratio").withBody(equalTo("16:9")).build()));
        Map<String, Object> metadata = metadata(response);
        @SuppressWarnings("unchecked")
        Map<String, Object> normalization = (Map<String, Object>) metadata.get("normalization");
        assertThat(normalization).containsEntry("requested", "1920x1080").containsEntry("sent", "16:9")
                .containsEntry("delivered", "1344x768").containsEntry("size_mode", "native").containsEntry("resized", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) metadata.get("warnings");
        assertThat(warnings).anySatisfy(w -> assertThat(w).containsEntry("code", "size_adjusted").containsEntry("param", "size"));
        assertThat(response.size().orElseThrow().asString()).isEqualTo(normalization.get("delivered"));
    }

    @Test
    void should_answer_502_storage_failed_without_the_secret_when_s3_rejects_the_credentials() throws Exception {
        String wrongSecret = "wrong-secret-DO-NOT-ECHO-8c1f";
        stubs.openAiImage("gpt-image-1", ImageFormat.PNG, 1024, 1024, null);
        try (RunningGateway misconfigured = RunningGateway.start(s3Env(wrongSecret, Map.of()))) {
            OpenAIClient other = sdk(misconfigured);

            assertThatThrownBy(() -> other.images().generate(ImageGenerateParams.builder()
                    .model("gpt-image-1")
                    .prompt(PROMPT)
                    .size(ImageGenerateParams.Size._1024X1024)
                    .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                    .build()))
                    .isInstanceOfSatisfying(InternalServerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(502);
                        assertThat(e.code()).contains("storage_failed");
                        assertThat(e.getMessage() + " " + e.body()).contains("credentials")
                                .doesNotContain(wrongSecret).doesNotContain(S3ProxyServer.SECRET_KEY);
                    });
            other.close();
        }
        // The image was generated (and paid for) once; only hosting it failed.
        wm.verify(1, postRequestedFor(urlEqualTo(ProviderStubs.OPENAI + "/images/generations")));
    }

    @Test
    void should_answer_502_naming_invalid_image_when_the_media_url_serves_html() {
        stubs.falQueue("fal-ai/flux/schnell", "html-1", ProviderStubs.json(200, new io.vertx.core.json.JsonObject()
                .put("images", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                        .put("url", stubs.media("fal/files/html-1/image.jpeg", ProviderStubs.html(), "image/jpeg"))
                        .put("width", 1024).put("height", 768).put("content_type", "image/jpeg")))
                .put("seed", 5).put("has_nsfw_concepts", new io.vertx.core.json.JsonArray().add(false))));

        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                .model("fal/flux-schnell")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1024x768"))
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.code()).contains("all_providers_exhausted");
                    assertThat(e.getMessage()).contains("fal/flux-schnell").contains("invalid_image");
                });
        assertThat(stubs.mediaRequests()).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------

    private static Map<String, String> s3Env(String secret, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(stubs.env());
        env.put("EASEL_STORAGE", "s3");
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_REGION", S3ProxyServer.REGION);
        env.put("S3_PATH_STYLE", "true");
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.putAll(extra);
        return env;
    }

    private static OpenAIClient sdk(RunningGateway g) {
        return g.openAiClient();
    }

    private static Image only(ImagesResponse response) {
        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    private static void assertImage(byte[] bytes, String format, int width, int height) throws Exception {
        assertThat(Images.magic(bytes)).isEqualTo(format);
        BufferedImage image = Images.decode(bytes);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(ImagesResponse response) {
        return (Map<String, Object>) response._additionalProperties().get("metadata").convert(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalization(ImagesResponse response) {
        return (Map<String, Object>) metadata(response).get("normalization");
    }

    /** Transcodes run on the image worker pool so far, from the Prometheus scrape. */
    private static double workerTranscodes() throws Exception {
        String scrape = new String(get(gateway.baseUrl() + "/metrics"), java.nio.charset.StandardCharsets.UTF_8);
        return scrape.lines().filter(l -> l.startsWith("easel_worker_task_seconds_count{") && l.contains("kind=\"transcode\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
    }
}

package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.easel.gateway.testing.ProviderStubs.BFL;
import static dev.easel.gateway.testing.ProviderStubs.FAL;
import static dev.easel.gateway.testing.ProviderStubs.GEMINI;
import static dev.easel.gateway.testing.ProviderStubs.OPENAI;
import static dev.easel.gateway.testing.ProviderStubs.REPLICATE;
import static dev.easel.gateway.testing.ProviderStubs.STABILITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImageModel;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.ProviderGateway;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.media.ImageFormat;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official openai-java SDK against the real gateway, with every hosted provider replaced
 * by a WireMock stub that speaks its published protocol: each provider's image comes back in
 * the asked format and size, the upstream call carried the right body and auth scheme, and no
 * provider key ever went to an image URL.
 */
class ProvidersEndToEndTest {

    @RegisterExtension
    static final ProviderGateway provider = ProviderGateway.withShippedCatalog();
    private static final ProviderStubs stubs = provider.stubs();

    private static final String PROMPT = "a lighthouse on a cliff at dusk";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Whatever a test did, image downloads never carried a provider credential header (the
     * fixture checks the key values themselves).
     */
    @AfterEach
    void no_key_reached_a_media_url() {
        for (LoggedRequest r : stubs.mediaRequests()) {
            assertThat(r.containsHeader("Authorization")).as("Authorization on " + r.getUrl()).isFalse();
            assertThat(r.containsHeader("x-key")).as("x-key on " + r.getUrl()).isFalse();
            assertThat(r.containsHeader("x-goog-api-key")).as("x-goog-api-key on " + r.getUrl()).isFalse();
        }
    }

    @Test
    void should_deliver_fal_flux_schnell_through_the_queue_when_pinned() throws Exception {
        String mediaUrl = stubs.falImages("fal-ai/flux/schnell", "f1a2b3c4-queue", ImageFormat.JPEG, 1024, 576);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("fal/flux-schnell")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1024x576"))
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(raw.parse()), "jpeg", 1024, 576);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("fal");
        provider.verify(postRequestedFor(urlEqualTo(FAL + "/fal-ai/flux/schnell"))
                .withHeader("Authorization", equalTo("Key " + ProviderStubs.FAL_KEY))
                .withRequestBody(equalToJson("""
                        {"prompt":"%s","num_images":1,"output_format":"jpeg","image_size":"landscape_16_9"}""".formatted(PROMPT))));
        // The queue walked IN_QUEUE -> IN_PROGRESS -> COMPLETED on the owner/app URLs, keyed each time.
        provider.verify(3, getRequestedFor(urlEqualTo(FAL + "/fal-ai/flux/requests/f1a2b3c4-queue/status"))
                .withHeader("Authorization", equalTo("Key " + ProviderStubs.FAL_KEY)));
        provider.verify(1, getRequestedFor(urlEqualTo(FAL + "/fal-ai/flux/requests/f1a2b3c4-queue"))
                .withHeader("Authorization", equalTo("Key " + ProviderStubs.FAL_KEY)));
        provider.verify(1, getRequestedFor(urlEqualTo(URI.create(mediaUrl).getRawPath())));
    }

    @Test
    void should_deliver_replicate_flux_schnell_webp_when_the_output_is_an_array() throws Exception {
        stubs.replicateSucceeded("black-forest-labs/flux-schnell", "rsch0001abc", true, ImageFormat.WEBP, 1344, 768);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("replicate/flux-schnell")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1344x768"))
                .outputFormat(ImageGenerateParams.OutputFormat.WEBP)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(raw.parse()), "webp", 1344, 768);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("replicate");
        provider.verify(postRequestedFor(urlEqualTo(REPLICATE + "/models/black-forest-labs/flux-schnell/predictions"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.REPLICATE_TOKEN))
                .withHeader("Prefer", matching("wait=\\d+"))
                .withHeader("Cancel-After", matching("\\d+s"))
                .withRequestBody(equalToJson("""
                        {"input":{"prompt":"%s","aspect_ratio":"16:9","megapixels":"1","num_outputs":1,"output_format":"webp"}}"""
                        .formatted(PROMPT))));
        provider.verify(2, getRequestedFor(urlEqualTo(REPLICATE + "/predictions/rsch0001abc"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.REPLICATE_TOKEN)));
    }

    @Test
    void should_deliver_replicate_flux_pro_when_the_output_is_a_single_url() throws Exception {
        stubs.replicateSucceeded("black-forest-labs/flux-1.1-pro", "rpro0002def", false, ImageFormat.PNG, 1024, 1024);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("replicate/flux-1.1-pro")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size._1024X1024)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(raw.parse()), "png", 1024, 1024);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("replicate");
        provider.verify(postRequestedFor(urlEqualTo(REPLICATE + "/models/black-forest-labs/flux-1.1-pro/predictions"))
                .withRequestBody(equalToJson("""
                        {"input":{"prompt":"%s","aspect_ratio":"1:1","output_format":"png"}}""".formatted(PROMPT))));
    }

    @Test
    void should_deliver_bfl_flux_pro_with_sizes_on_the_32_pixel_grid_when_the_size_is_off_grid() throws Exception {
        stubs.bflReady("flux-pro-1.1", "7c1e0d5a-bfl-task", ImageFormat.JPEG, 960, 672);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("bfl/flux-1.1-pro")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("1000x700"))
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .build());

        ImagesResponse response = raw.parse();
        byte[] bytes = download(response.data().orElseThrow().get(0).url().orElseThrow(), "image/jpeg");
        assertImage(bytes, "jpeg", 960, 672);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("bfl");
        List<LoggedRequest> submits = provider.findAll(postRequestedFor(urlEqualTo(BFL + "/flux-pro-1.1")));
        assertThat(submits).hasSize(1);
        LoggedRequest submit = submits.get(0);
        assertThat(submit.getHeader("x-key")).isEqualTo(ProviderStubs.BFL_KEY);
        assertThat(submit.containsHeader("Authorization")).isFalse();
        JsonObject body = new JsonObject(submit.getBodyAsString());
        assertThat(body.getInteger("width") % 32).isZero();
        assertThat(body.getInteger("height") % 32).isZero();
        assertThat(body.getInteger("width")).isBetween(256, 1440);
        assertThat(body.getInteger("height")).isBetween(256, 1440);
        assertThat(body.getMap()).containsOnlyKeys("prompt", "width", "height", "output_format")
                .containsEntry("width", 960).containsEntry("height", 672).containsEntry("output_format", "jpeg");
        provider.verify(2, getRequestedFor(urlPathEqualTo(BFL + "/get_result"))
                .withQueryParam("id", equalTo("7c1e0d5a-bfl-task"))
                .withHeader("x-key", equalTo(ProviderStubs.BFL_KEY)));
    }

    @Test
    void should_deliver_gpt_image_1_base64_without_response_format_upstream() throws Exception {
        stubs.openAiImage("gpt-image-1", ImageFormat.JPEG, 1536, 1024, null);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("gpt-image-1")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size._1536X1024)
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .quality(ImageGenerateParams.Quality.HIGH)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        ImagesResponse response = raw.parse();
        assertImage(b64(response), "jpeg", 1536, 1024);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("openai");
        assertThat(response.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(6249));
        provider.verify(postRequestedFor(urlEqualTo(OPENAI + "/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.OPENAI_KEY))
                .withRequestBody(equalToJson("""
                        {"model":"gpt-image-1","prompt":"%s","n":1,"size":"1536x1024","output_format":"jpeg","quality":"high"}"""
                        .formatted(PROMPT))));
    }

    @Test
    void should_deliver_dall_e_3_with_its_revised_prompt_when_style_and_quality_are_mapped() throws Exception {
        stubs.openAiImage("dall-e-3", ImageFormat.PNG, 1792, 1024, "A tall white lighthouse on a rocky cliff at dusk.");

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model(ImageModel.DALL_E_3)
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size._1792X1024)
                .style(ImageGenerateParams.Style.NATURAL)
                .quality(ImageGenerateParams.Quality.HD)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        Image image = raw.parse().data().orElseThrow().get(0);
        assertImage(Base64.getDecoder().decode(image.b64Json().orElseThrow()), "png", 1792, 1024);
        assertThat(image.revisedPrompt()).contains("A tall white lighthouse on a rocky cliff at dusk.");
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("openai");
        provider.verify(postRequestedFor(urlEqualTo(OPENAI + "/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.OPENAI_KEY))
                .withRequestBody(equalToJson("""
                        {"model":"dall-e-3","prompt":"%s","n":1,"size":"1792x1024","response_format":"b64_json",
                         "style":"natural","quality":"hd"}""".formatted(PROMPT))));
    }

    @Test
    void should_deliver_gemini_inline_image_as_a_url_when_an_aspect_ratio_is_asked() throws Exception {
        stubs.geminiImage("gemini-2.5-flash-image", 1344, 768);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("gemini-2.5-flash-image")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size.of("16:9"))
                .build());

        ImagesResponse response = raw.parse();
        assertImage(download(response.data().orElseThrow().get(0).url().orElseThrow(), "image/png"), "png", 1344, 768);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("gemini");
        provider.verify(postRequestedFor(urlEqualTo(GEMINI + "/models/gemini-2.5-flash-image:generateContent"))
                .withHeader("x-goog-api-key", equalTo(ProviderStubs.GEMINI_KEY))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("""
                        {"contents":[{"role":"user","parts":[{"text":"%s"}]}],
                         "generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"16:9"}}}"""
                        .formatted(PROMPT))));
    }

    @Test
    void should_deliver_stable_image_core_raw_webp_when_asked_for_webp() throws Exception {
        stubs.stabilityImage("core", ImageFormat.WEBP, 1024, 1024);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("stable-image-core")
                .prompt(PROMPT)
                .size(ImageGenerateParams.Size._1024X1024)
                .outputFormat(ImageGenerateParams.OutputFormat.WEBP)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .putAdditionalBodyProperty("seed", JsonValue.from(42))
                .build());

        assertImage(b64(raw.parse()), "webp", 1024, 1024);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("stability");
        provider.verify(postRequestedFor(urlEqualTo(STABILITY + "/v2beta/stable-image/generate/core"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.STABILITY_KEY))
                .withHeader("Accept", equalTo("image/*"))
                .withHeader("Content-Type", matching("multipart/form-data; ?boundary=.+"))
                .withRequestBodyPart(aMultipart().withName("prompt").withBody(equalTo(PROMPT)).build())
                .withRequestBodyPart(aMultipart().withName("aspect_ratio").withBody(equalTo("1:1")).build())
                .withRequestBodyPart(aMultipart().withName("output_format").withBody(equalTo("webp")).build())
                .withRequestBodyPart(aMultipart().withName("seed").withBody(equalTo("42")).build()));
    }

    @Test
    void should_answer_content_policy_violation_without_failover_when_bfl_moderates_the_request() {
        stubs.bflModerated("flux-pro-1.1", "mod-1-task", "Request Moderated");

        assertThatThrownBy(() -> provider.client().images().generate(ImageGenerateParams.builder()
                .model("bfl/flux-1.1-pro").prompt("something the moderator refuses").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("content_policy_violation");
                    assertThat(e.getMessage()).contains("Request Moderated").doesNotContain(ProviderStubs.BFL_KEY);
                });
        provider.verify(1, postRequestedFor(urlEqualTo(BFL + "/flux-pro-1.1")));
    }

    @Test
    void should_answer_content_policy_violation_and_not_fail_over_when_fal_refuses_on_a_bare_model_id() {
        // flux-schnell has fal (weight 70) and replicate (30); a refusal must not try the other one.
        stubs.falQueue("fal-ai/flux/schnell", "cp-9", ProviderStubs.falContentPolicy());
        stubs.replicatePrediction("black-forest-labs/flux-schnell", "cp-r",
                stubs.replicatePredictionBody("black-forest-labs/flux-schnell", "cp-r", "failed")
                        .put("error", "All generated images contained NSFW content. Try running it again with a different prompt."));

        assertThatThrownBy(() -> provider.client().images().generate(ImageGenerateParams.builder()
                .model("flux-schnell").prompt("something both checkers refuse").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("content_policy_violation");
                    assertThat(e.param()).contains("prompt");
                });
        int falSubmits = provider.findAll(postRequestedFor(urlEqualTo(FAL + "/fal-ai/flux/schnell"))).size();
        int replicateCreates = provider.findAll(postRequestedFor(
                urlEqualTo(REPLICATE + "/models/black-forest-labs/flux-schnell/predictions"))).size();
        assertThat(falSubmits + replicateCreates).isEqualTo(1);
    }

    @Test
    void should_not_leak_the_provider_error_text_or_key_when_openai_rejects_the_key() {
        // OpenAI echoes part of the key it refused, in its own words.
        stubs.openAiAnswer(ProviderStubs.json(401, new JsonObject().put("error", new JsonObject()
                .put("message", "Incorrect API key provided: " + ProviderStubs.OPENAI_KEY
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.")
                .put("type", "invalid_request_error").put("param", null).put("code", "invalid_api_key"))));

        // gpt-image-1.5, not gpt-image-1: an auth failure opens that route's circuit at once.
        assertThatThrownBy(() -> provider.client().images().generate(ImageGenerateParams.builder()
                .model("gpt-image-1.5").prompt(PROMPT).build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.code()).contains("all_providers_exhausted");
                    String everything = e.getMessage() + " " + e.body();
                    assertThat(everything).contains("provider_auth_failed")
                            .doesNotContain(ProviderStubs.OPENAI_KEY)
                            .doesNotContain("Incorrect API key provided")
                            .doesNotContain("platform.openai.com");
                });
    }

    @Test
    void should_not_echo_stability_error_texts_when_the_request_is_refused() {
        stubs.stabilityAnswer("core", aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(new JsonObject().put("id", "a1b2c3d4e5").put("name", "bad_request")
                        .put("errors", List.of("prompt: 'a lighthouse on a cliff at dusk' contains the private token ZX-PRIVATE-91"))
                        .encode()));

        assertThatThrownBy(() -> provider.client().images().generate(ImageGenerateParams.builder()
                .model("stable-image-core").prompt(PROMPT).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("invalid_request");
                    assertThat(e.getMessage()).contains("bad_request").doesNotContain("ZX-PRIVATE-91")
                            .doesNotContain(ProviderStubs.STABILITY_KEY);
                });
    }

    // ------------------------------------------------------------------------------------------

    private static byte[] b64(ImagesResponse response) {
        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(1);
        return Base64.getDecoder().decode(data.get(0).b64Json().orElseThrow());
    }

    private static void assertImage(byte[] bytes, String format, int width, int height) throws Exception {
        assertThat(Images.magic(bytes)).isEqualTo(format);
        BufferedImage image = Images.decode(bytes);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    private static byte[] download(String url, String contentType) throws Exception {
        assertThat(url).startsWith(provider.gateway().baseUrl() + "/v1/files/");
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains(contentType);
        return r.body();
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> metadata(ImagesResponse response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) response._additionalProperties().get("metadata").convert(Map.class);
        return m;
    }
}

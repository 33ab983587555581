package dev.easel.adapter.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.openai.Fixtures.await;
import static dev.easel.adapter.openai.Fixtures.failure;
import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.openai.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class GeminiAdapterTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String FLASH = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new GeminiAdapterFactory().create(Fixtures.context(vertx, "gemini", "gemini",
                "http://127.0.0.1:" + wm.getPort() + "/v1beta", Map.of()));
    }

    private static void answer(String path, int status, String body) {
        wm.stubFor(post(urlEqualTo(path))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private ProviderException failed(String body, int status) throws Exception {
        answer(FLASH, status, body);
        return failure(adapter.generate(request("gemini-2.5-flash-image").build()));
    }

    @Test
    void should_send_exact_body_with_key_header_and_no_key_in_url_when_generating() throws Exception {
        String path = "/v1beta/models/gemini-3-pro-image-preview:generateContent";
        answer(path, 200, GeminiBodies.IMAGE);

        AdapterResult result = await(adapter.generate(request("gemini-3-pro-image-preview").ratio("21:9", "4K")
                .seed(9L).build()));

        wm.verify(postRequestedFor(urlEqualTo(path))
                .withHeader("x-goog-api-key", equalTo(Fixtures.KEY))
                .withHeader("Authorization", absent())
                .withQueryParam("key", absent())
                .withRequestBody(equalToJson("""
                        {"contents":[{"role":"user","parts":[{"text":"a lighthouse at dusk"}]}],
                         "generationConfig":{"responseModalities":["IMAGE"],
                           "imageConfig":{"aspectRatio":"21:9","imageSize":"4K"},"seed":9}}""")));
        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class,
                b -> assertThat(b.mediaType()).isEqualTo("image/png"));
    }

    @Test
    void should_send_no_image_size_when_ratio_has_no_tier() throws Exception {
        answer(FLASH, 200, GeminiBodies.IMAGE);

        await(adapter.generate(request("gemini-2.5-flash-image").ratio("9:16", null).build()));

        wm.verify(postRequestedFor(urlEqualTo(FLASH)).withRequestBody(equalToJson("""
                {"contents":[{"role":"user","parts":[{"text":"a lighthouse at dusk"}]}],
                 "generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"9:16"}}}""")));
    }

    @Test
    void should_fail_content_policy_when_prompt_is_blocked() throws Exception {
        assertThat(failed(GeminiBodies.PROMPT_BLOCKED, 200).kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_content_policy_when_finish_reason_is_image_safety() throws Exception {
        assertThat(failed(GeminiBodies.IMAGE_SAFETY, 200).kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_no_image_when_answer_is_text_only() throws Exception {
        assertThat(failed(GeminiBodies.TEXT_ONLY, 200).kind()).isEqualTo(ErrorKind.NO_IMAGE);
    }

    @Test
    void should_fail_no_image_when_finish_reason_is_no_image() throws Exception {
        assertThat(failed(GeminiBodies.NO_IMAGE, 200).kind()).isEqualTo(ErrorKind.NO_IMAGE);
    }

    @Test
    void should_fail_rate_limited_with_retry_delay_when_resource_exhausted() throws Exception {
        ProviderException e = failed(GeminiBodies.RESOURCE_EXHAUSTED, 429);

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void should_fail_auth_without_the_key_when_api_key_is_invalid() throws Exception {
        ProviderException e = failed(GeminiBodies.KEY_INVALID, 400);

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY);
    }

    @Test
    void should_fail_invalid_request_when_field_is_invalid() throws Exception {
        assertThat(failed(GeminiBodies.BAD_FIELD, 400).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_fail_auth_when_permission_denied() throws Exception {
        assertThat(failed(GeminiBodies.PERMISSION_DENIED, 403).kind()).isEqualTo(ErrorKind.AUTH);
    }

    @Test
    void should_fail_unavailable_when_internal_or_overloaded() throws Exception {
        assertThat(failed(GeminiBodies.INTERNAL, 500).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(failed(GeminiBodies.OVERLOADED, 503).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_fail_timeout_when_upstream_answers_after_the_deadline() throws Exception {
        wm.stubFor(post(urlEqualTo(FLASH)).willReturn(okJson(GeminiBodies.IMAGE).withFixedDelay(3000)));

        ProviderException e = failure(adapter.generate(request("gemini-2.5-flash-image")
                .deadline(Instant.now().plusMillis(300)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void should_fail_invalid_request_without_calling_when_model_id_would_change_the_path() throws Exception {
        ProviderException e = failure(adapter.generate(request("../admin").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        wm.verify(0, postRequestedFor(urlEqualTo("/admin")));
    }
}

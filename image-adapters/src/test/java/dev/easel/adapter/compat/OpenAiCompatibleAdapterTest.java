package dev.easel.adapter.compat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class OpenAiCompatibleAdapterTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String B64 = OpenAiCompatibleResponseMapperTest.B64;

    private static ImageAdapter adapter(Vertx vertx, String id, Map<String, Object> options) {
        return new OpenAiCompatibleAdapterFactory().create(Fixtures.context(vertx, id, "openai-compatible",
                "http://127.0.0.1:" + wm.getPort() + "/v1", options));
    }

    private static void answer(int status, String body) {
        wm.stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void should_send_together_dialect_when_options_ask_for_it(Vertx vertx) throws Exception {
        answer(200, """
                {"id":"t-1","model":"black-forest-labs/FLUX.1-schnell","object":"list","data":[{"index":0,"b64_json":"%s"}]}"""
                .formatted(B64));
        ImageAdapter together = adapter(vertx, "together",
                Map.of("response_format_value", "base64", "size_fields", "width_height"));

        AdapterResult result = await(together.generate(request("black-forest-labs/FLUX.1-schnell").pixels(1024, 768)
                .seed(7L).providerOptions(Map.of("steps", 4)).build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withRequestBody(equalToJson("""
                        {"model":"black-forest-labs/FLUX.1-schnell","prompt":"a lighthouse at dusk","n":1,
                         "response_format":"base64","width":1024,"height":768,"seed":7,"steps":4}""")));
        assertThat(result.images()).singleElement().isInstanceOf(GeneratedImage.Bytes.class);
    }

    @Test
    void should_send_aspect_ratio_and_resolution_when_upstream_is_xai(Vertx vertx) throws Exception {
        answer(200, """
                {"data":[{"b64_json":"%s","revised_prompt":"A lighthouse","respect_moderation":true}],"usage":{"cost_in_usd_ticks":200000000}}"""
                .formatted(B64));
        ImageAdapter xai = adapter(vertx, "xai", Map.of("aspect_ratio_field", true));

        AdapterResult result = await(xai.generate(request("grok-imagine-image").ratio("16:9", "1k").n(2).build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withRequestBody(equalToJson("""
                        {"model":"grok-imagine-image","prompt":"a lighthouse at dusk","n":2,
                         "response_format":"b64_json","aspect_ratio":"16:9","resolution":"1k"}""")));
        assertThat(result.images().get(0).revisedPrompt()).isEqualTo("A lighthouse");
    }

    @Test
    void should_send_openai_shape_when_upstream_is_recraft(Vertx vertx) throws Exception {
        answer(200, "{\"created\":1,\"data\":[{\"url\":\"https://img.recraft.ai/a.webp\"}]}");

        AdapterResult result = await(adapter(vertx, "recraft", Map.of())
                .generate(request("recraftv3").pixels(1365, 1024).build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/generations")).withRequestBody(equalToJson("""
                {"model":"recraftv3","prompt":"a lighthouse at dusk","n":1,"response_format":"b64_json","size":"1365x1024"}""")));
        assertThat(result.images()).singleElement().isInstanceOf(GeneratedImage.Url.class);
    }

    @Test
    void should_fail_content_policy_when_xai_answers_respect_moderation_false(Vertx vertx) throws Exception {
        answer(200, "{\"data\":[{\"url\":\"https://imgen.x.ai/x.jpg\",\"revised_prompt\":\"\",\"respect_moderation\":false}]}");

        ProviderException e = failure(adapter(vertx, "xai", Map.of()).generate(request("grok-imagine-image").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_content_policy_when_envelope_code_is_content_policy_violation(Vertx vertx) throws Exception {
        answer(400, """
                {"error":{"message":"Your request was rejected as a result of our safety system.","type":"invalid_request_error","param":null,"code":"content_policy_violation"}}""");

        assertThat(failure(adapter(vertx, "recraft", Map.of()).generate(request("recraftv3").build())).kind())
                .isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_auth_without_the_key_when_status_is_401(Vertx vertx) throws Exception {
        answer(401, "{\"error\":{\"message\":\"Invalid API key provided: " + Fixtures.KEY + "\",\"type\":\"invalid_request_error\"}}");

        ProviderException e = failure(adapter(vertx, "together", Map.of()).generate(request("m").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY);
    }

    @Test
    void should_fail_rate_limited_with_retry_after_when_status_is_429(Vertx vertx) throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"error\":{\"message\":\"Too many requests\",\"type\":\"rate_limit\"}}")));

        ProviderException e = failure(adapter(vertx, "together", Map.of()).generate(request("m").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void should_fail_invalid_request_when_status_is_400_without_envelope(Vertx vertx) throws Exception {
        answer(400, "{\"code\":\"invalid-argument\",\"error\":\"Invalid aspect ratio\"}");

        assertThat(failure(adapter(vertx, "xai", Map.of()).generate(request("m").build())).kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_fail_unavailable_when_status_is_503(Vertx vertx) throws Exception {
        answer(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");

        assertThat(failure(adapter(vertx, "xai", Map.of()).generate(request("m").build())).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_fail_timeout_when_upstream_answers_after_the_deadline(Vertx vertx) throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(okJson("{\"data\":[]}").withFixedDelay(3000)));

        ProviderException e = failure(adapter(vertx, "xai", Map.of())
                .generate(request("m").deadline(Instant.now().plusMillis(300)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }
}

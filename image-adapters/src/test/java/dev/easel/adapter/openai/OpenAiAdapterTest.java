package dev.easel.adapter.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
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
class OpenAiAdapterTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String B64 = OpenAiResponseMapperTest.PNG_B64;

    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new OpenAiAdapterFactory().create(
                Fixtures.context(vertx, "openai", "openai", "http://127.0.0.1:" + wm.getPort() + "/v1", Map.of()));
    }

    private static void answer(int status, String body) {
        wm.stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void should_send_exact_body_without_response_format_when_model_is_gpt_image_1() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(okJson("{\"created\":1,\"data\":[{\"b64_json\":\"" + B64 + "\"}],\"output_format\":\"jpeg\","
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20,\"total_tokens\":30}}")));

        AdapterResult result = await(adapter.generate(request("gpt-image-1").pixels(1024, 1536).outputFormat("jpeg")
                .outputCompression(70).quality("high").background("opaque").moderation("low").user("end-user-1")
                .n(2).build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"model":"gpt-image-1","prompt":"a lighthouse at dusk","n":2,"size":"1024x1536",
                         "output_format":"jpeg","output_compression":70,"quality":"high","background":"opaque",
                         "moderation":"low","user":"end-user-1"}"""))
                .withRequestBody(not(matchingJsonPath("$.response_format"))));
        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class,
                b -> assertThat(b.mediaType()).isEqualTo("image/jpeg"));
        assertThat(result.usage()).containsEntry("total_tokens", 30);
    }

    @Test
    void should_send_response_format_b64_json_when_model_is_dall_e_3() throws Exception {
        answer(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + B64 + "\",\"revised_prompt\":\"A lighthouse.\"}]}");

        AdapterResult result = await(adapter.generate(request("dall-e-3").pixels(1024, 1792).quality("standard")
                .style("vivid").build()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withRequestBody(equalToJson("""
                        {"model":"dall-e-3","prompt":"a lighthouse at dusk","n":1,"size":"1024x1792",
                         "response_format":"b64_json","quality":"standard","style":"vivid"}""")));
        assertThat(result.images().get(0).revisedPrompt()).isEqualTo("A lighthouse.");
    }

    @Test
    void should_fail_content_policy_when_gpt_image_answers_moderation_blocked() throws Exception {
        answer(400, """
                {"error":{"message":"Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_abc.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"},"moderation_details":{"moderation_stage":"input","categories":["violence"]}}""");

        ProviderException e = failure(adapter.generate(request("gpt-image-1").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(e.upstreamStatus()).isEqualTo(400);
    }

    @Test
    void should_fail_content_policy_when_dall_e_answers_content_policy_violation() throws Exception {
        answer(400, """
                {"error":{"code":"content_policy_violation","message":"Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.","param":null,"type":"invalid_request_error"}}""");

        assertThat(failure(adapter.generate(request("dall-e-3").build())).kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_invalid_request_when_upstream_rejects_unknown_parameter() throws Exception {
        answer(400, """
                {"error":{"message":"Unknown parameter: 'response_format'.","type":"invalid_request_error","param":"response_format","code":"unknown_parameter"}}""");

        assertThat(failure(adapter.generate(request("gpt-image-1").build())).kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_fail_auth_without_the_key_in_the_message_when_key_is_invalid() throws Exception {
        answer(401, """
                {"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""
                .formatted(Fixtures.KEY));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY).doesNotContain("Incorrect API key");
        assertThat(String.valueOf(e)).doesNotContain(Fixtures.KEY);
    }

    @Test
    void should_fail_rate_limited_with_retry_after_when_status_is_429_rate_limit_exceeded() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "20").withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Rate limit reached for gpt-image-1 in organization org-x on images per min (IPM): Limit 5, Used 5, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""")));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void should_fail_quota_when_status_is_429_insufficient_quota() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "20").withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""")));

        ProviderException e = failure(adapter.generate(request("gpt-image-1").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void should_fail_unavailable_when_status_is_5xx() throws Exception {
        answer(500, """
                {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""");

        assertThat(failure(adapter.generate(request("gpt-image-1").build())).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_fail_no_image_when_data_is_empty() throws Exception {
        answer(200, "{\"created\":1,\"data\":[]}");

        assertThat(failure(adapter.generate(request("gpt-image-1").build())).kind()).isEqualTo(ErrorKind.NO_IMAGE);
    }

    @Test
    void should_fail_timeout_when_upstream_answers_after_the_deadline() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(okJson("{\"created\":1,\"data\":[]}").withFixedDelay(3000)));

        ProviderException e = failure(adapter.generate(request("gpt-image-1")
                .deadline(Instant.now().plusMillis(300)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(e.kind().failover()).isTrue();
    }

    @Test
    void should_fail_unavailable_when_connection_is_refused(Vertx vertx) throws Exception {
        ImageAdapter closed = new OpenAiAdapterFactory().create(
                Fixtures.context(vertx, "openai", "openai", "http://127.0.0.1:1/v1", Map.of()));

        ProviderException e = failure(closed.generate(request("gpt-image-1").build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.upstreamStatus()).isZero();
        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY);
    }
}

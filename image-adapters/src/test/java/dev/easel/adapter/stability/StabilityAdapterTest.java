package dev.easel.adapter.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.openai.Fixtures.await;
import static dev.easel.adapter.openai.Fixtures.failure;
import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class StabilityAdapterTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String CORE = "/v2beta/stable-image/generate/core";
    private static final byte[] PNG = StabilityResponseMapperTest.PNG;

    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new StabilityAdapterFactory().create(Fixtures.context(vertx, "stability", "stability",
                "http://127.0.0.1:" + wm.getPort(), Map.of()));
    }

    private static void error(int status, String body) {
        wm.stubFor(post(urlEqualTo(CORE)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "9").withBody(body)));
    }

    private ProviderException failed(int status, String body) throws Exception {
        error(status, body);
        return failure(adapter.generate(request("core").build()));
    }

    @Test
    void should_send_multipart_fields_and_headers_when_generating() throws Exception {
        wm.stubFor(post(urlEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/webp").withHeader("finish-reason", "SUCCESS")
                .withHeader("seed", "42").withBody(PNG)));

        AdapterResult result = await(adapter.generate(request("core").ratio("16:9", null).outputFormat("webp")
                .seed(42L).negativePrompt("blurry").providerOptions(Map.of("style_preset", "cinematic")).build()));

        wm.verify(postRequestedFor(urlEqualTo(CORE))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withHeader("Accept", equalTo("image/*"))
                .withHeader("Content-Type", matching("multipart/form-data; ?boundary=.+"))
                .withRequestBodyPart(aMultipart().withName("prompt").withBody(equalTo("a lighthouse at dusk")).build())
                .withRequestBodyPart(aMultipart().withName("aspect_ratio").withBody(equalTo("16:9")).build())
                .withRequestBodyPart(aMultipart().withName("output_format").withBody(equalTo("webp")).build())
                .withRequestBodyPart(aMultipart().withName("seed").withBody(equalTo("42")).build())
                .withRequestBodyPart(aMultipart().withName("negative_prompt").withBody(equalTo("blurry")).build())
                .withRequestBodyPart(aMultipart().withName("style_preset").withBody(equalTo("cinematic")).build()));
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo(CORE)));
        assertThat(sent.get(0).getParts().stream().map(p -> p.getName()).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("prompt", "aspect_ratio", "output_format", "seed", "negative_prompt",
                        "style_preset");
        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class, b -> {
            assertThat(b.data()).isEqualTo(PNG);
            assertThat(b.mediaType()).isEqualTo("image/webp");
        });
        assertThat(result.metadata()).containsEntry("seed", 42L);
    }

    @Test
    void should_send_sd3_model_option_to_sd3_endpoint_when_route_is_sd3() throws Exception {
        String sd3 = "/v2beta/stable-image/generate/sd3";
        wm.stubFor(post(urlEqualTo(sd3)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS").withBody(PNG)));

        await(adapter.generate(request("sd3").providerOptions(Map.of("model", "sd3.5-large")).build()));

        wm.verify(postRequestedFor(urlEqualTo(sd3))
                .withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("sd3.5-large")).build()));
    }

    @Test
    void should_fail_content_policy_when_finish_reason_is_content_filtered() throws Exception {
        wm.stubFor(post(urlEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", "CONTENT_FILTERED")
                .withHeader("seed", "1").withBody(PNG)));

        assertThat(failure(adapter.generate(request("core").build())).kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_content_policy_when_status_is_403_content_moderation() throws Exception {
        ProviderException e = failed(403, """
                {"id":"ed14db44947bb8b7b4b7e2b2f3a1c9d0","name":"content_moderation","errors":["Your request was flagged by our content moderation system, as a result your request was denied and you were not charged."]}""");

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(e.kind().failover()).isFalse();
    }

    @Test
    void should_fail_invalid_request_when_status_is_400() throws Exception {
        assertThat(failed(400, """
                {"id":"b0a1","name":"bad_request","errors":["aspect_ratio: must be one of 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21"]}""")
                .kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_fail_invalid_request_when_status_is_413() throws Exception {
        assertThat(failed(413, """
                {"id":"b0a2","name":"payload_too_large","errors":["body: payloads cannot be larger than 10MiB in size"]}""")
                .kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_fail_invalid_request_when_status_is_422() throws Exception {
        assertThat(failed(422, """
                {"id":"b0a3","name":"invalid_language","errors":["English is the only supported language for this service."]}""")
                .kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_fail_auth_without_the_key_when_status_is_401() throws Exception {
        ProviderException e = failed(401, """
                {"id":"b0a4","name":"unauthorized","errors":["authorization: invalid or missing header value"]}""");

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY);
    }

    @Test
    void should_fail_quota_when_status_is_402() throws Exception {
        assertThat(failed(402, """
                {"id":"b0a5","name":"payment_required","errors":["You lack sufficient credits to make this request. Please purchase more credits at https://platform.stability.ai/account/credits and try again."]}""")
                .kind()).isEqualTo(ErrorKind.QUOTA);
    }

    @Test
    void should_fail_rate_limited_with_retry_after_when_status_is_429() throws Exception {
        ProviderException e = failed(429, """
                {"id":"b0a6","name":"rate_limit_exceeded","errors":["You have exceeded the rate limit of 150 requests within a 10 second period, and have been timed out for 60 seconds."]}""");

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void should_fail_unavailable_when_status_is_500() throws Exception {
        assertThat(failed(500, """
                {"id":"b0a7","name":"internal_error","errors":["An unexpected server error has occurred, please try again later."]}""")
                .kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_fail_timeout_when_upstream_answers_after_the_deadline() throws Exception {
        wm.stubFor(post(urlEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(PNG).withFixedDelay(3000)));

        ProviderException e = failure(adapter.generate(request("core").deadline(Instant.now().plusMillis(300)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }
}

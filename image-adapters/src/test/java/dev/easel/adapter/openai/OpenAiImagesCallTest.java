package dev.easel.adapter.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared OpenAI-shaped call: what it sends, and what it hands each mapper. */
@ExtendWith(VertxExtension.class)
class OpenAiImagesCallTest {

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final Warning DROPPED = Warning.unsupported("style", "acme");

    private static MappedRequest mapped() {
        return new MappedRequest(new JsonObject().put("model", "m").put("prompt", "p"), List.of(DROPPED), "image/webp");
    }

    @Test
    void should_post_the_body_with_a_bearer_key_and_hand_the_answer_to_the_result_reader(Vertx vertx) throws Exception {
        upstream.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[]}")));
        AtomicReference<String> seen = new AtomicReference<>();
        OpenAiImagesCall call = new OpenAiImagesCall(
                Fixtures.context(vertx, "acme", "openai-compatible", upstream.baseUrl() + "/v1", Map.of()),
                (id, body, mediaType, warnings) -> {
                    seen.set(id + "|" + body + "|" + mediaType + "|" + warnings);
                    return AdapterResult.of(List.of(new GeneratedImage.Bytes(new byte[] {1}, mediaType, null)));
                },
                (id, status, body, retryAfter) -> new ProviderException(ErrorKind.UPSTREAM, id, status, "unexpected"));

        AdapterResult result = Fixtures.await(call.send(mapped(), Instant.now().plusSeconds(10)));

        assertThat(result.images()).hasSize(1);
        assertThat(seen.get()).isEqualTo("acme|{\"data\":[]}|image/webp|" + List.of(DROPPED));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.KEY))
                .withRequestBody(equalToJson("{\"model\":\"m\",\"prompt\":\"p\"}")));
        Fixtures.await(call.close());
    }

    @Test
    void should_hand_status_body_and_retry_after_to_the_error_reader_when_the_answer_is_not_2xx(Vertx vertx)
            throws Exception {
        upstream.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"error\":{\"code\":\"rate_limit_exceeded\"}}")));
        OpenAiImagesCall call = new OpenAiImagesCall(
                Fixtures.context(vertx, "acme", "openai-compatible", upstream.baseUrl() + "/v1", Map.of()),
                (id, body, mediaType, warnings) -> {
                    throw new AssertionError("a 429 must not be read as images");
                },
                (id, status, body, retryAfter) -> new ProviderException(ErrorKind.RATE_LIMITED, id, status,
                        body.contains("rate_limit_exceeded") ? "read" : "not read", retryAfter, null));

        ProviderException e = Fixtures.failure(call.send(mapped(), Instant.now().plusSeconds(10)));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.getMessage()).isEqualTo("read");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void should_fail_with_timeout_without_calling_when_the_deadline_already_passed(Vertx vertx) throws Exception {
        OpenAiImagesCall call = new OpenAiImagesCall(
                Fixtures.context(vertx, "acme", "openai-compatible", upstream.baseUrl() + "/v1", Map.of()),
                (id, body, mediaType, warnings) -> null,
                (id, status, body, retryAfter) -> null);

        ProviderException e = Fixtures.failure(call.send(mapped(), Instant.now().minusSeconds(1)));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }
}

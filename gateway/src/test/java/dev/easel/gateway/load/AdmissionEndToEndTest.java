package dev.easel.gateway.load;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.gateway.testing.ProviderStubs.OPENAI;
import static dev.easel.gateway.testing.ProviderStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.gateway.testing.RunningGateway;
import dev.easel.media.ImageFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Capacity is refused at the door, before a provider is called, and only there: past
 * {@code EASEL_MAX_IN_FLIGHT} the answer is 503 {@code server_busy} with no upstream call;
 * within it, a worker pool far smaller than the burst still delivers every paid image.
 */
class AdmissionEndToEndTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .asynchronousResponseEnabled(true).asynchronousResponseThreads(4))
            .build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProviderStubs stubs;

    @BeforeEach
    void stubs() {
        stubs = new ProviderStubs(wm);
        JsonObject image = new JsonObject().put("created", 1756548000L).put("data", new JsonArray().add(new JsonObject()
                .put("b64_json", Base64.getEncoder().encodeToString(ProviderStubs.image(ImageFormat.PNG, 96, 96)))));
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo("slow")))
                .willReturn(json(200, image).withFixedDelay(3000)));
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo("fast")))
                .willReturn(json(200, image)));
    }

    @Test
    void should_answer_503_before_calling_a_provider_when_max_in_flight_jobs_are_running() throws Exception {
        try (RunningGateway gateway = start(Map.of("EASEL_MAX_IN_FLIGHT", "2"))) {
            CompletableFuture<HttpResponse<String>> a = send(gateway, "slow");
            CompletableFuture<HttpResponse<String>> b = send(gateway, "slow");
            awaitUpstreamCalls("slow", 2);

            HttpResponse<String> refused = send(gateway, "fast").get(10, TimeUnit.SECONDS);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code")).isEqualTo("server_busy");
            assertThat(refused.headers().firstValue("retry-after")).contains("1");
            wm.verify(0, postRequestedFor(urlEqualTo(OPENAI + "/images/generations"))
                    .withRequestBody(matchingJsonPath("$.prompt", equalTo("fast"))));
            assertThat(a.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(b.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            // The places are given back: the next request gets in.
            assertThat(send(gateway, "fast").get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_deliver_every_paid_image_when_the_burst_is_far_larger_than_the_worker_pool() throws Exception {
        try (RunningGateway gateway = start(Map.of("EASEL_WORKER_THREADS", "1", "EASEL_WORKER_QUEUE", "1"))) {
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                burst.add(send(gateway, "fast"));
            }
            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(burst).allSatisfy(f -> assertThat(f.join().statusCode()).as(f.join().body()).isEqualTo(200));
            wm.verify(60, postRequestedFor(urlEqualTo(OPENAI + "/images/generations")));
        }
    }

    private RunningGateway start(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(stubs.env());
        env.putAll(extra);
        return RunningGateway.start(env);
    }

    private static CompletableFuture<HttpResponse<String>> send(RunningGateway gateway, String prompt) {
        String body = new JsonObject().put("model", "openai/gpt-image-1").put("prompt", prompt)
                .put("response_format", "b64_json").encode();
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** WireMock offers no hook on arrival; its journal is polled, bounded. */
    private static void awaitUpstreamCalls(String prompt, int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && wm.findAll(postRequestedFor(urlEqualTo(OPENAI + "/images/generations"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo(prompt)))).size() < count) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}

package dev.easel.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.Eventually;
import dev.easel.gateway.testing.OpenAiCompatibleStub;
import dev.easel.gateway.testing.RedisServerProcess;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three real gateways on one real redis-server behave as one gateway: idempotency, circuits,
 * Retry-After and rate limits hold across replicas (DESIGN "Many replicas"), and a Redis that
 * goes away and comes back is handled as DESIGN says. Providers are WireMock servers speaking
 * OpenAI's images protocol ({@code replicas-catalog.yaml}: {@code duo} is alpha, then beta).
 */
class ReplicasEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DUO = "{\"model\":\"duo\",\"prompt\":\"a lighthouse at dusk\",\"response_format\":\"b64_json\"}";
    private static final String LOCAL = "{\"model\":\"test-pattern\",\"prompt\":\"dots\",\"size\":\"64x64\",\"response_format\":\"b64_json\"}";

    private static RedisServerProcess redis;
    private static OpenAiCompatibleStub alpha;
    private static OpenAiCompatibleStub beta;
    private final List<RunningGateway> replicas = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        alpha = new OpenAiCompatibleStub();
        beta = new OpenAiCompatibleStub();
    }

    @AfterAll
    static void stop() throws Exception {
        alpha.close();
        beta.close();
        redis.close();
    }

    @BeforeEach
    void resetStubs() {
        alpha.reset();
        beta.reset();
    }

    @AfterEach
    void stopReplicas() throws Exception {
        for (RunningGateway g : replicas) {
            g.close();
        }
    }

    /** Three replicas on {@code redisUrl}, with a key prefix of their own so tests never share state. */
    private List<RunningGateway> threeReplicas(String redisUrl, Map<String, String> overrides) throws Exception {
        String prefix = "replicas-" + UUID.randomUUID() + ":";
        List<RunningGateway> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new HashMap<>();
            env.put("EASEL_CATALOG", Path.of(getClass().getResource("/replicas-catalog.yaml").toURI()).toString());
            env.put("ALPHA_BASE_URL", alpha.baseUrl());
            env.put("ALPHA_KEY", "alpha-secret");
            env.put("BETA_BASE_URL", beta.baseUrl());
            env.put("BETA_KEY", "beta-secret");
            env.put("EASEL_REQUEST_TIMEOUT", "20s");
            env.put("EASEL_REDIS_URL", redisUrl);
            env.put("EASEL_REDIS_PREFIX", prefix);
            env.put("EASEL_REDIS_TIMEOUT", "5s");
            env.putAll(overrides);
            RunningGateway g = RunningGateway.start(env);
            replicas.add(g);
            started.add(g);
        }
        return started;
    }

    @Test
    void should_make_one_upstream_call_and_give_identical_answers_when_same_key_requests_hit_three_replicas()
            throws Exception {
        List<RunningGateway> three = threeReplicas(redis.url(), Map.of());
        // Slow enough for every duplicate to arrive while the first one runs.
        alpha.succeedsAfter(1_500);

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(postAsync(three.get(i % 3), DUO, Map.of("Idempotency-Key", "order-42")));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }

        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(answers.get(0).body());
            assertThat(r.headers().firstValue("x-easel-provider")).contains("alpha");
        }
        assertThat(alpha.calls()).isEqualTo(1);
        // A later SDK retry on yet another replica replays the same answer.
        HttpResponse<String> retry = post(three.get(2), DUO, Map.of("Idempotency-Key", "order-42"));
        assertThat(retry.body()).isEqualTo(answers.get(0).body());
        assertThat(alpha.calls()).isEqualTo(1);
        HttpResponse<String> reused = post(three.get(1), DUO.replace("dusk", "dawn"), Map.of("Idempotency-Key", "order-42"));
        assertThat(reused.statusCode()).isEqualTo(409);
    }

    @Test
    void should_be_open_on_the_third_replica_when_failures_on_the_other_two_opened_it() throws Exception {
        List<RunningGateway> three = threeReplicas(redis.url(), Map.of());
        alpha.unavailable();
        beta.succeeds();

        // Five failures in a row open a circuit: three seen by replica 0, two by replica 1.
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post(three.get(i < 3 ? 0 : 1), DUO, Map.of());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-easel-attempts")).contains("2");
        }
        assertThat(alpha.calls()).isEqualTo(5);

        Eventually.holds("replica 2 sees alpha's circuit open", Duration.ofSeconds(10),
                () -> !alphaAvailable(three.get(2)));
        assertThat(alphaHealth(three.get(2)).getString("state")).isEqualTo("open");
        HttpResponse<String> third = post(three.get(2), DUO, Map.of());

        assertThat(third.headers().firstValue("x-easel-provider")).contains("beta");
        assertThat(third.headers().firstValue("x-easel-attempts")).contains("1");
        assertThat(alpha.calls()).isEqualTo(5);
    }

    @Test
    void should_keep_every_replica_away_from_a_route_when_one_was_told_to_retry_after() throws Exception {
        List<RunningGateway> three = threeReplicas(redis.url(), Map.of());
        alpha.rateLimited(30);
        beta.succeeds();

        HttpResponse<String> first = post(three.get(0), DUO, Map.of());
        assertThat(first.headers().firstValue("x-easel-attempts")).contains("2");

        for (RunningGateway other : List.of(three.get(1), three.get(2))) {
            Eventually.holds("a replica sees alpha's Retry-After", Duration.ofSeconds(10), () -> !alphaAvailable(other));
            HttpResponse<String> r = post(other, DUO, Map.of());
            assertThat(r.headers().firstValue("x-easel-provider")).contains("beta");
            assertThat(r.headers().firstValue("x-easel-attempts")).contains("1");
        }
        assertThat(alpha.calls()).isEqualTo(1);
    }

    @Test
    void should_make_a_call_wait_on_another_replica_while_the_routes_only_slot_is_taken() throws Exception {
        List<RunningGateway> three = threeReplicas(redis.url(), Map.of());
        alpha.succeedsAfter(2_500);
        String solo = DUO.replace("\"duo\"", "\"solo\"");

        CompletableFuture<HttpResponse<String>> first = postAsync(three.get(0), solo, Map.of());
        Eventually.holds("the first call holds the slot", Duration.ofSeconds(10), () -> alpha.everything() == 1);
        CompletableFuture<HttpResponse<String>> second = postAsync(three.get(1), solo, Map.of());

        Eventually.holds("replica 1 queues for the slot", Duration.ofSeconds(10),
                () -> metrics(three.get(1)).contains("easel_route_slot_waiters{route=\"alpha/solo\"} 1.0"));
        assertThat(alpha.everything()).isEqualTo(1);
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> waited = second.get(30, TimeUnit.SECONDS);
        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
        assertThat(waited.headers().firstValue("x-easel-attempts")).contains("1");
        assertThat(alpha.calls()).isEqualTo(2);
    }

    @Test
    void should_let_at_most_ten_through_when_ten_rpm_are_spread_over_three_replicas() throws Exception {
        List<RunningGateway> three = threeReplicas(redis.url(), Map.of("EASEL_RATE_LIMIT_RPM", "10"));

        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> r = post(three.get(i % 3), LOCAL, Map.of("authorization", "Bearer caller-a"));
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("rate_limited");
                assertThat(r.headers().firstValue("retry-after")).hasValueSatisfying(
                        v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
                limited++;
            }
        }
        assertThat(ok).isEqualTo(10);
        assertThat(limited).isEqualTo(5);
        // The budget is per caller key: another key still gets through.
        assertThat(post(three.get(0), LOCAL, Map.of("authorization", "Bearer caller-b")).statusCode()).isEqualTo(200);
    }

    @Test
    void should_go_on_locally_refuse_idempotent_requests_and_recover_when_redis_goes_away_and_returns()
            throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start()) {
            List<RunningGateway> three = threeReplicas(own.url(), Map.of());
            assertThat(readiness(three.get(0)).getJsonObject("shared_state").getString("redis")).isEqualTo("up");

            own.stop();

            HttpResponse<String> withKey = post(three.get(0), LOCAL, Map.of("Idempotency-Key", "during-outage"));
            assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(503);
            assertThat(new JsonObject(withKey.body()).getJsonObject("error").getString("code"))
                    .isEqualTo("idempotency_unavailable");
            assertThat(withKey.headers().firstValue("retry-after")).isPresent();
            for (RunningGateway g : three) {
                HttpResponse<String> withoutKey = post(g, LOCAL, Map.of());
                assertThat(withoutKey.statusCode()).as(withoutKey.body()).isEqualTo(200);
                Eventually.holds("/readyz says Redis is unreachable", Duration.ofSeconds(10),
                        () -> "unreachable".equals(readiness(g).getJsonObject("shared_state").getString("redis")));
                assertThat(readinessStatus(g)).isEqualTo(200);
            }

            own.restart();

            for (RunningGateway g : three) {
                Eventually.holds("/readyz says Redis is back", Duration.ofSeconds(15),
                        () -> "up".equals(readiness(g).getJsonObject("shared_state").getString("redis")));
            }
            HttpResponse<String> after = post(three.get(1), LOCAL, Map.of("Idempotency-Key", "after-outage"));
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(post(three.get(2), LOCAL, Map.of("Idempotency-Key", "after-outage")).body()).isEqualTo(after.body());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static JsonObject alphaHealth(RunningGateway g) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + "/v1/models/duo"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject(r.body()).getJsonArray("routes").stream().map(o -> (JsonObject) o)
                    .filter(o -> "alpha".equals(o.getString("provider"))).findFirst().orElseThrow()
                    .getJsonObject("health");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean alphaAvailable(RunningGateway g) {
        return alphaHealth(g).getBoolean("available");
    }

    private static JsonObject readiness(RunningGateway g) {
        try {
            return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + "/readyz"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String metrics(RunningGateway g) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int readinessStatus(RunningGateway g) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + "/readyz")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> post(RunningGateway target, String body, Map<String, String> headers)
            throws Exception {
        return HTTP.send(request(target, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(RunningGateway target, String body,
                                                                    Map<String, String> headers) {
        return HTTP.sendAsync(request(target, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(RunningGateway target, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/images/generations"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return b.build();
    }
}

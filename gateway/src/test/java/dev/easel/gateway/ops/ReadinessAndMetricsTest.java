package dev.easel.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.RunningGateway;
import dev.easel.storage.S3ProxyServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Readiness checks what requests need, against a real S3 API (S3Proxy): a missing bucket
 * makes {@code /readyz} 503 and a generation fail {@code storage_failed} with
 * {@code x-should-retry: false} after one retry inside Easel; once the bucket exists both
 * recover. Then {@code /metrics} shows the meters this traffic fed, with histogram buckets.
 * The steps share one gateway and run in order: each builds on the state the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessAndMetricsTest {

    private static final String BUCKET = "easel-late-bucket";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static S3ProxyServer s3;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start("some-other-bucket");
        gateway = RunningGateway.start(Map.of(
                "EASEL_STORAGE", "s3",
                "S3_BUCKET", BUCKET,
                "S3_ENDPOINT", s3.endpoint().toString(),
                "S3_REGION", S3ProxyServer.REGION,
                "S3_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        s3.close();
    }

    @Test
    @Order(1)
    void should_not_be_ready_when_the_bucket_is_missing() throws Exception {
        HttpResponse<String> r = get("/readyz");

        assertThat(r.statusCode()).isEqualTo(503);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("status")).isEqualTo("storage_unavailable");
        assertThat(body.getJsonObject("storage").getBoolean("ok")).isFalse();
        assertThat(body.getJsonObject("storage").getString("error")).contains(BUCKET, "does not exist");
    }

    @Test
    @Order(2)
    void should_answer_storage_failed_with_should_retry_false_after_one_retry_when_the_bucket_is_missing() throws Exception {
        HttpResponse<String> r = generate();

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("storage_failed");
        assertThat(r.headers().firstValue("x-should-retry")).contains("false");
        assertThat(metrics()).contains("easel_storage_retries_total 1.0");
    }

    @Test
    @Order(3)
    void should_be_ready_and_store_images_when_the_bucket_appears() throws Exception {
        s3.createBucket(BUCKET);

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        HttpResponse<String> r = generate();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getJsonArray("data").getJsonObject(0).getString("url")).contains(BUCKET);
    }

    @Test
    @Order(4)
    void should_expose_request_attempt_cost_worker_storage_and_jvm_meters_with_buckets_after_traffic() throws Exception {
        String m = metrics();

        assertThat(m).containsPattern(
                "easel_request_seconds_bucket\\{[^}]*model=\"test-pattern\"[^}]*outcome=\"ok\"[^}]*provider=\"local\"[^}]*route=\"generations\"[^}]*\\} 1");
        assertThat(m).containsPattern("easel_request_seconds_bucket\\{model=\"test-pattern\",outcome=\"storage_failed\",provider=\"none\",route=\"generations\",le=\"300\\.0\"\\} 1");
        assertThat(m).containsPattern("easel_provider_attempt_seconds_bucket\\{[^}]*provider=\"local\"[^}]*status=\"succeeded\"");
        assertThat(m).containsPattern("easel_cost_usd_total\\{model=\"test-pattern\",provider=\"local\"\\}");
        assertThat(m).containsPattern("easel_worker_task_seconds_bucket\\{kind=\"transcode\",le=\"0\\.1\"\\}");
        assertThat(m).contains("easel_worker_queue_wait_seconds_bucket", "easel_worker_tasks_queued", "easel_worker_tasks_running",
                "easel_generations_in_flight", "easel_storage_check_seconds_count");
        assertThat(m).containsPattern("easel_storage_put_seconds_bucket\\{outcome=\"stored\",le=\"[0-9.]+\"\\}");
        assertThat(m).containsPattern("easel_storage_put_seconds_count\\{outcome=\"failed\"\\} 1");
        assertThat(m).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "system_cpu_count", "process_files_open_files", "process_uptime_seconds");
        assertThat(m).doesNotContain("client_closed_request");
    }

    private static HttpResponse<String> generate() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                .header("content-type", "application/json")
                // JPEG, so a real transcode runs: test-pattern's PNG would pass through without one.
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\":\"a lighthouse\",\"size\":\"256x256\",\"output_format\":\"jpeg\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String metrics() throws Exception {
        return get("/metrics").body();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

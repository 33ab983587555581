package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP contract of DESIGN.md over plain HTTP: envelopes, status codes, headers, endpoints. */
class HttpContractTest {

    private static RunningGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(Map.of("EASEL_MAX_BODY_BYTES", "4096"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                .header("content-type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject error(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        return new JsonObject(r.body()).getJsonObject("error");
    }

    @Test
    void should_answer_400_without_param_when_the_body_is_not_json() throws Exception {
        HttpResponse<String> r = post("{not json");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject e = error(r);
        assertThat(e.getString("code")).isEqualTo("invalid_request");
        assertThat(e.getString("type")).isEqualTo("invalid_request_error");
        assertThat(e.getValue("param")).isNull();
        assertThat(e.getString("message")).contains("not valid JSON");
    }

    @Test
    void should_answer_400_when_the_body_is_empty_or_not_an_object() throws Exception {
        HttpResponse<String> empty = post("");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(error(empty).getString("message")).contains("empty");
        HttpResponse<String> array = post("[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(error(array).getString("code")).isEqualTo("invalid_request");
    }

    @Test
    void should_name_prompt_when_it_is_missing() throws Exception {
        HttpResponse<String> r = post("{\"model\":\"test-pattern\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).getString("param")).isEqualTo("prompt");
    }

    @Test
    void should_name_size_when_it_is_out_of_range() throws Exception {
        for (String size : new String[] {"abc", "0x0", "99999x99999", "16:0"}) {
            HttpResponse<String> r = post("{\"prompt\":\"x\",\"size\":\"" + size + "\"}");
            assertThat(r.statusCode()).as(size).isEqualTo(400);
            assertThat(error(r).getString("param")).as(size).isEqualTo("size");
        }
    }

    @Test
    void should_carry_both_url_and_b64_json_of_the_same_image_when_response_format_is_absent() throws Exception {
        HttpResponse<String> r = post("{\"prompt\":\"both\",\"size\":\"64x64\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject image = new JsonObject(r.body()).getJsonArray("data").getJsonObject(0);
        byte[] inline = Base64.getDecoder().decode(image.getString("b64_json"));
        HttpResponse<byte[]> hosted = HTTP.send(HttpRequest.newBuilder(URI.create(image.getString("url"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hosted.statusCode()).isEqualTo(200);
        assertThat(hosted.body()).isEqualTo(inline);
        assertThat(inline).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void should_carry_only_the_named_member_when_response_format_is_given() throws Exception {
        JsonObject url = new JsonObject(post("{\"prompt\":\"one\",\"size\":\"64x64\",\"response_format\":\"url\"}").body())
                .getJsonArray("data").getJsonObject(0);
        assertThat(url.fieldNames()).contains("url").doesNotContain("b64_json");
        JsonObject b64 = new JsonObject(post("{\"prompt\":\"one\",\"size\":\"64x64\",\"response_format\":\"b64_json\"}").body())
                .getJsonArray("data").getJsonObject(0);
        assertThat(b64.fieldNames()).contains("b64_json").doesNotContain("url");
    }

    @Test
    void should_tell_sdks_not_to_retry_when_a_retry_cannot_fix_the_answer() throws Exception {
        assertThat(post("{\"model\":\"test-pattern\"}").headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(post("{\"prompt\":\"x\",\"model\":\"dall-e-4\"}").headers().firstValue("x-should-retry")).hasValue("false");
        String key = "reuse-" + System.nanoTime();
        assertThat(post("{\"prompt\":\"first\",\"size\":\"64x64\"}", "idempotency-key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> reused = post("{\"prompt\":\"second\",\"size\":\"64x64\"}", "idempotency-key", key);
        // OpenAI's SDKs retry every 409 twice unless the answer says otherwise.
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.headers().firstValue("x-should-retry")).hasValue("false");
    }

    @Test
    void should_answer_404_model_not_found_with_closest_ids_when_the_model_is_unknown() throws Exception {
        HttpResponse<String> r = post("{\"prompt\":\"x\",\"model\":\"dall-e-4\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonObject e = error(r);
        assertThat(e.getString("code")).isEqualTo("model_not_found");
        assertThat(e.getString("param")).isEqualTo("model");
        assertThat(e.getString("message")).contains("dall-e-3");
    }

    @Test
    void should_answer_400_naming_the_variable_when_a_pinned_provider_has_no_key() throws Exception {
        HttpResponse<String> r = post("{\"prompt\":\"x\",\"model\":\"fal/flux-schnell\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).getString("message")).contains("FAL_KEY");
    }

    @Test
    void should_answer_413_payload_too_large_when_the_body_is_over_the_limit() throws Exception {
        HttpResponse<String> r = post("{\"prompt\":\"" + "a".repeat(10_000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).getString("code")).isEqualTo("payload_too_large");
    }

    @Test
    void should_answer_json_404_with_request_id_when_the_route_is_unknown() throws Exception {
        HttpResponse<String> r = get("/v2/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).getString("code")).isEqualTo("not_found");
    }

    @Test
    void should_keep_a_plain_caller_request_id_and_replace_an_odd_one() throws Exception {
        HttpResponse<String> kept = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/healthz"))
                .header("x-request-id", "trace-1234567").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kept.headers().firstValue("x-request-id")).contains("trace-1234567");
        HttpResponse<String> replaced = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/healthz"))
                .header("x-request-id", "<script>").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replaced.headers().firstValue("x-request-id").orElseThrow()).startsWith("req_");
    }

    @Test
    void should_list_models_and_slugs_in_openai_shape() throws Exception {
        HttpResponse<String> r = get("/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("object")).isEqualTo("list");
        JsonArray data = body.getJsonArray("data");
        assertThat(data.stream().map(o -> ((JsonObject) o).getString("id")))
                .contains("test-pattern", "local/test-pattern", "flux-schnell", "fal/flux-schnell", "replicate/flux-schnell",
                        "dall-e-3", "stable-image-core");
        JsonObject fal = data.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals("fal/flux-schnell"))
                .findFirst().orElseThrow();
        assertThat(fal.getString("object")).isEqualTo("model");
        assertThat(fal.getBoolean("configured")).isFalse();
    }

    @Test
    void should_serve_capabilities_when_a_model_or_slug_is_requested() throws Exception {
        JsonObject dalle = new JsonObject(get("/v1/models/dall-e-3").body());
        JsonObject size = dalle.getJsonArray("routes").getJsonObject(0).getJsonObject("capabilities").getJsonObject("size");
        assertThat(size.getString("style")).isEqualTo("fixed");
        assertThat(size.getJsonArray("sizes")).contains("1792x1024");
        JsonObject slug = new JsonObject(get("/v1/models/replicate/flux-schnell").body());
        assertThat(slug.getJsonArray("routes")).hasSize(1);
        JsonObject route = slug.getJsonArray("routes").getJsonObject(0);
        assertThat(route.getString("provider_model")).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(route.getString("not_configured_reason")).contains("REPLICATE_API_TOKEN");
        assertThat(route.getJsonObject("capabilities").getInteger("max_images_per_call")).isEqualTo(4);
        assertThat(get("/v1/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void should_refuse_file_names_that_escape_the_folder() throws Exception {
        for (String name : new String[] {"../pom.xml", "..%2f..%2fpom.xml", "%2e%2e/etc/passwd", "images/../../x.png", "nope.png"}) {
            HttpResponse<String> r = get("/v1/files/" + name);
            assertThat(r.statusCode()).as(name).isIn(400, 404);
            assertThat(r.body()).as(name).doesNotContain("<project");
        }
    }

    @Test
    void should_report_health_readiness_and_metrics() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(ready.body());
        assertThat(body.getJsonObject("providers").getJsonObject("local").getBoolean("configured")).isTrue();
        assertThat(body.getJsonObject("providers").getJsonObject("openai").getBoolean("configured")).isFalse();
        post("{\"prompt\":\"metrics\",\"size\":\"64x64\",\"response_format\":\"b64_json\"}");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("easel_generation_requests_seconds_count").contains("easel_images_total")
                .contains("easel_poller_active_jobs");
    }

    @Test
    void should_require_a_key_when_api_keys_are_configured() throws Exception {
        try (RunningGateway secured = RunningGateway.start(Map.of("EASEL_API_KEYS", "k-one,k-two"))) {
            HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(URI.create(secured.baseUrl() + "/v1/models"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(new JsonObject(denied.body()).getJsonObject("error").getString("code")).isEqualTo("authentication_failed");
            HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(secured.baseUrl() + "/v1/models"))
                    .header("authorization", "Bearer k-two").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).doesNotContain("k-one");
        }
    }
}

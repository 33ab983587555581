package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the shipped catalog and no provider keys: dry runs of unconfigured routes, and what the answer echoes. */
class AnswerDetailsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static HttpResponse<String> post(String query, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations" + query))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_plan_a_model_whose_provider_has_no_key_and_say_it_is_unconfigured_when_dry_running() throws Exception {
        HttpResponse<String> r = post("?dry_run=true", "{\"model\":\"flux-schnell\",\"prompt\":\"x\",\"size\":\"16:9\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject candidate = new JsonObject(r.body()).getJsonArray("candidates").getJsonObject(0);
        assertThat(candidate.getString("provider")).isEqualTo("fal");
        assertThat(candidate.getBoolean("configured")).isFalse();
        assertThat(candidate.getBoolean("available")).isFalse();
        assertThat(candidate.getString("sent")).isNotBlank();
        JsonArray warnings = candidate.getJsonArray("warnings");
        assertThat(warnings.stream().map(w -> ((JsonObject) w).getString("code"))).contains("provider_not_configured");
        assertThat(warnings.encode()).contains("FAL_KEY");
    }

    @Test
    void should_not_echo_quality_when_the_serving_route_dropped_it() throws Exception {
        HttpResponse<String> r = post("", "{\"prompt\":\"x\",\"size\":\"64x64\",\"quality\":\"high\",\"response_format\":\"b64_json\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.containsKey("quality")).isFalse();
        assertThat(body.getJsonObject("metadata").getJsonArray("warnings").encode()).contains("unsupported_parameter", "quality");
    }
}

package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.gateway.testing.ProviderStubs.FAL;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code provider_options} reach the provider only as additions: what Easel validated (the
 * prompt, the size after normalization, the image count it charges for) is what the
 * provider receives, whatever the options say.
 */
class ProviderOptionsEndToEndTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void should_keep_easels_prompt_size_and_count_when_provider_options_try_to_override_them() throws Exception {
        ProviderStubs stubs = new ProviderStubs(wm);
        stubs.falImages("fal-ai/flux-pro/v1.1", "po-0001", ImageFormat.PNG, 1024, 1024);
        String body = """
                {"model":"fal/flux-1.1-pro","prompt":"a cat","size":"1024x1024","response_format":"b64_json",
                 "provider_options":{"fal":{"num_images":4,"prompt":"overridden",
                   "image_size":{"width":8192,"height":8192},"safety_tolerance":"5"}}}""";

        try (RunningGateway gateway = RunningGateway.start(stubs.env())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                    .uri(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            wm.verify(1, postRequestedFor(urlEqualTo(FAL + "/fal-ai/flux-pro/v1.1")).withRequestBody(equalToJson("""
                    {"prompt":"a cat","num_images":1,"output_format":"png","image_size":"square_hd",
                     "safety_tolerance":"5"}""")));
            JsonObject answer = new JsonObject(response.body());
            assertThat(answer.getJsonArray("data")).hasSize(1);
            assertThat(answer.getJsonObject("metadata").getJsonObject("cost").getDouble("amount")).isEqualTo(0.04);
            JsonArray warnings = answer.getJsonObject("metadata").getJsonArray("warnings");
            assertThat(warnings.stream().map(w -> ((JsonObject) w).getString("param")))
                    .contains("provider_options.num_images", "provider_options.prompt", "provider_options.image_size");
        }
    }
}

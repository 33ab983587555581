package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.gateway.testing.ProviderStubs.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code EASEL_MAX_UPSTREAM_BODY_BYTES} caps what a provider may answer, decompressed. */
class UpstreamBodyLimitEndToEndTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
            .build();

    @Test
    void should_answer_502_naming_the_limit_when_a_pinned_provider_sends_a_gzip_body_past_it() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(("{\"created\":1,\"data\":[{\"b64_json\":\"" + "A".repeat(4 << 20) + "\"}]}").getBytes());
        }
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(gz.toByteArray())));
        Map<String, String> env = new HashMap<>(new ProviderStubs(wm).env());
        env.put("EASEL_MAX_UPSTREAM_BODY_BYTES", "1048576");

        try (RunningGateway gateway = RunningGateway.start(env)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                    .uri(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"openai/gpt-image-1","prompt":"a red fox","size":"1024x1024"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            JsonObject error = new JsonObject(response.body()).getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("all_providers_exhausted");
            assertThat(error.getString("message")).contains("provider_error")
                    .contains("larger than the 1048576 byte limit (after decompression)");
        }
    }
}

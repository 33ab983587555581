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
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider that echoes Easel's key in its error (as identifiers, which pass every shape
 * filter) must not get the key to the caller or into a log line.
 */
class SecretsEndToEndTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String GATEWAY_KEY = "easel-gw-key-5b1f0c7e9d";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 500})
    void should_mask_the_key_in_answers_and_logs_when_the_provider_echoes_it(int status) throws Exception {
        String key = ProviderStubs.OPENAI_KEY;
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(new JsonObject().put("error", new JsonObject()
                        .put("message", "Incorrect API key provided: " + key)
                        .put("type", "Bearer_" + key)
                        .put("param", key)
                        .put("code", "Bearer_" + key)).encode())));
        Map<String, String> env = new HashMap<>(new ProviderStubs(wm).env());
        env.put("EASEL_API_KEYS", GATEWAY_KEY);

        PrintStream original = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        // Logback writes to stdout, stack traces and libraries to stderr: both are captured.
        System.setErr(new PrintStream(new Tee(original, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try (RunningGateway gateway = RunningGateway.start(env)) {
            response = HTTP.send(HttpRequest.newBuilder()
                    .uri(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer " + GATEWAY_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"openai/gpt-image-1","prompt":"a red fox","size":"1024x1024"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // The answer is logged by the time the client has it, but let the line land.
            System.err.flush();
            System.out.flush();
        } finally {
            System.setErr(original);
            System.setOut(originalOut);
        }

        assertThat(response.statusCode()).isIn(400, 502);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).contains("openai");
        assertThat(response.body()).doesNotContain(key).doesNotContain(GATEWAY_KEY);
        response.headers().map().values().forEach(values -> assertThat(values.toString()).doesNotContain(key));
        String logged = logs.toString(StandardCharsets.UTF_8);
        // The access line reports every answer with its status.
        assertThat(logged).contains("status=" + response.statusCode());
        assertThat(logged).doesNotContain(key).doesNotContain(GATEWAY_KEY);
    }

    @Test
    void should_mask_a_secret_in_any_log_line_once_the_gateway_has_started() throws Exception {
        PrintStream original = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        // Logback writes to stdout, stack traces and libraries to stderr: both are captured.
        System.setErr(new PrintStream(new Tee(original, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
        try (RunningGateway gateway = RunningGateway.start(Map.of("EASEL_API_KEYS", GATEWAY_KEY,
                "FAL_KEY", "fal-key-1234:abcd-echo"))) {
            org.slf4j.LoggerFactory.getLogger(SecretsEndToEndTest.class)
                    .warn("upstream said {} and {}", "fal-key-1234:abcd-echo", GATEWAY_KEY, new IllegalStateException(
                            "cause quoting fal-key-1234%3Aabcd-echo"));
            System.err.flush();
            System.out.flush();
        } finally {
            System.setErr(original);
            System.setOut(originalOut);
        }

        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("upstream said [redacted] and [redacted]").contains("cause quoting [redacted]");
        assertThat(logged).doesNotContain("fal-key-1234").doesNotContain(GATEWAY_KEY);
    }

    /** Writes to both streams: the test keeps its console output and gets a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}

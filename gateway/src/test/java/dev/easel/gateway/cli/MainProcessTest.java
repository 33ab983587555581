package dev.easel.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.gateway.testing.GatewayProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's command line as a user meets it: Main in a child JVM started from an empty
 * folder (so only the built-in catalog is found), its exit codes, stderr and JSON logs.
 */
class MainProcessTest {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_KEY = "sk-easel-ci-7731f0e2";
    private static final String PROMPT = "a lighthouse painted by a very private person";

    @TempDir
    Path dir;

    @Test
    void should_print_the_version_and_the_help_and_exit_0_when_asked() throws Exception {
        try (GatewayProcess version = GatewayProcess.start(dir, Map.of(), "--version");
             GatewayProcess help = GatewayProcess.start(dir, Map.of(), "--help")) {
            assertThat(version.exitCode(EXIT)).isZero();
            assertThat(version.stdout()).singleElement().asString().matches("easel-gateway \\d+\\.\\d+\\.\\d+.*");
            assertThat(help.exitCode(EXIT)).isZero();
            assertThat(String.join("\n", help.stdout())).contains("validate [FILE]", "EASEL_LOG_FORMAT", "Exit codes");
        }
    }

    @Test
    void should_exit_2_with_usage_when_the_argument_is_unknown() throws Exception {
        try (GatewayProcess p = GatewayProcess.start(dir, Map.of(), "--frobnicate")) {
            assertThat(p.exitCode(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).contains("unknown argument '--frobnicate'", "Usage:");
        }
    }

    @Test
    void should_validate_the_built_in_catalog_and_exit_0_when_run_from_an_empty_folder() throws Exception {
        try (GatewayProcess p = GatewayProcess.start(dir, Map.of(), "validate")) {
            assertThat(p.exitCode(EXIT)).isZero();
            assertThat(String.join("\n", p.stdout())).startsWith("ok: built-in:").contains("models");
        }
    }

    @Test
    void should_exit_2_naming_the_key_when_validate_reads_a_broken_catalog() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                providers:
                  together: { adapter: openai-compatible, base_url: "https://api.together.xyz/v1", api_key: "${TOGETHER_KEY:-}",
                              options: { size_feilds: width_height } }
                models:
                  m: { routes: [ { provider: together, model: x, price_per_image: 0, size: { style: any, min: 256, max: 1024 } } ] }
                """);
        try (GatewayProcess p = GatewayProcess.start(dir, Map.of(), "validate", broken.toString())) {
            assertThat(p.exitCode(EXIT)).isEqualTo(2);
            // No key is set, and the misspelt option is still caught.
            assertThat(p.stderr()).contains("invalid catalog", "broken.yaml", "providers.together.options.size_feilds: unknown option");
        }
    }

    @Test
    void should_exit_2_with_a_message_when_the_server_starts_with_a_broken_catalog() throws Exception {
        Path broken = Files.writeString(dir.resolve("model-catalog.yaml"), "providers: [\n");
        try (GatewayProcess p = GatewayProcess.start(dir, Map.of("PORT", "0"))) {
            assertThat(p.exitCode(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).contains("configuration error", broken.toAbsolutePath().toString(), "line");
        }
    }

    @Test
    void should_exit_2_when_a_setting_is_malformed() throws Exception {
        try (GatewayProcess p = GatewayProcess.start(dir, Map.of("EASEL_LOG_FORMAT", "xml"))) {
            assertThat(p.exitCode(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).contains("EASEL_LOG_FORMAT must be one of [text, json]");
        }
    }

    @Test
    void should_exit_1_with_a_message_when_the_port_is_taken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             GatewayProcess p = GatewayProcess.start(dir, Map.of("PORT", Integer.toString(taken.getLocalPort())))) {
            assertThat(p.exitCode(EXIT)).isEqualTo(1);
            assertThat(p.stderr()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "already in use");
        }
    }

    @Test
    void should_log_json_access_lines_without_prompt_or_key_and_exit_0_on_sigterm() throws Exception {
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "EASEL_LOG_FORMAT", "json",
                "EASEL_API_KEYS", "ci-runner:" + SECRET_KEY, "EASEL_STORAGE_DIR", dir.resolve("images").toString()));
        try (GatewayProcess p = GatewayProcess.start(dir, env)) {
            String listening = p.awaitLine(l -> l.contains("Easel listening on"), EXIT);
            JsonNode start = JSON.readTree(listening);
            assertThat(start.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
            assertThat(start.get("level").asText()).isEqualTo("INFO");
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).contains("catalog: built-in"));
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).contains("auth: 1 API keys [ci-runner]"));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/images/generations"))
                    .header("authorization", "Bearer " + SECRET_KEY).header("content-type", "application/json")
                    .header("x-request-id", "req-json-log-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + PROMPT + "\",\"n\":2,\"size\":\"256x256\","
                            + "\"response_format\":\"b64_json\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                    .header("authorization", "Bearer wrong").header("x-request-id", "req-json-log-2").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);

            JsonNode access = JSON.readTree(p.awaitLine(l -> l.contains("req-json-log-1"), EXIT));
            assertThat(access.get("logger_name").asText()).isEqualTo("easel.access");
            assertThat(access.get("method").asText()).isEqualTo("POST");
            assertThat(access.get("path").asText()).isEqualTo("/v1/images/generations");
            assertThat(access.get("status").asInt()).isEqualTo(200);
            assertThat(access.get("code").isNull()).isTrue();
            assertThat(access.get("model").asText()).isEqualTo("test-pattern");
            assertThat(access.get("provider").asText()).isEqualTo("local");
            assertThat(access.get("attempts").asInt()).isEqualTo(1);
            assertThat(access.get("n").asInt()).isEqualTo(2);
            assertThat(access.get("latency_ms").asLong()).isNotNegative();
            assertThat(access.get("cost").isNumber()).isTrue();
            assertThat(access.get("caller").asText()).isEqualTo("ci-runner");
            assertThat(access.has("time")).isTrue();

            JsonNode refused = JSON.readTree(p.awaitLine(l -> l.contains("req-json-log-2"), EXIT));
            assertThat(refused.get("status").asInt()).isEqualTo(401);
            assertThat(refused.get("code").asText()).isEqualTo("authentication_failed");
            assertThat(refused.get("caller").isNull()).isTrue();

            p.terminate();
            assertThat(p.exitCode(EXIT)).isZero();
            List<String> lines = p.stdout();
            assertThat(lines).allSatisfy(l -> {
                assertThat(l).doesNotContain(PROMPT).doesNotContain(SECRET_KEY);
                assertThat(JSON.readTree(l).isObject()).isTrue();
            });
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /} and {@code /playground/*} over plain HTTP: types, headers, keys and the switch. */
class PlaygroundAssetsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(RunningGateway gateway, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_serve_the_page_and_its_assets_with_their_types_and_a_strict_policy_when_enabled() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            HttpResponse<String> page = get(gateway, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(page.body()).contains("<title>Easel playground</title>", "/playground/playground.js")
                    .doesNotContain("http://", "https://"); // nothing from a CDN or anywhere else

            Map<String, String> types = Map.of(
                    "/playground/playground.js", "text/javascript; charset=utf-8",
                    "/playground/playground.css", "text/css; charset=utf-8",
                    "/playground/favicon.svg", "image/svg+xml",
                    "/playground/index.html", "text/html; charset=utf-8");
            for (Map.Entry<String, String> e : types.entrySet()) {
                HttpResponse<String> r = get(gateway, e.getKey());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
                assertThat(r.headers().firstValue("content-type")).as(e.getKey()).hasValue(e.getValue());
                assertThat(r.body()).as(e.getKey()).isNotEmpty();
            }
        }
    }

    @Test
    void should_answer_304_when_the_etag_matches() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            HttpResponse<String> first = get(gateway, "/playground/playground.js");
            String etag = first.headers().firstValue("etag").orElseThrow();
            assertThat(first.headers().firstValue("cache-control")).hasValue("no-cache");

            HttpResponse<String> again = get(gateway, "/playground/playground.js", "if-none-match", etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            HttpResponse<String> changed = get(gateway, "/playground/playground.js", "if-none-match", "\"other\"");
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.body()).isEqualTo(first.body());
        }
    }

    @Test
    void should_answer_404_in_the_error_envelope_when_an_asset_is_not_one_of_the_page_files() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            for (String path : new String[] {"/playground/secret.txt", "/playground/..%2Fmodel-catalog.yaml",
                    "/playground/%2e%2e%2fpom.xml", "/playground/", "/playground/index.html%00"}) {
                HttpResponse<String> r = get(gateway, path);
                assertThat(r.statusCode()).as(path).isIn(400, 404);
                assertThat(r.body()).as(path).contains("\"error\"").doesNotContain("<html");
            }
        }
    }

    @Test
    void should_serve_the_page_without_a_key_but_keep_the_api_closed_when_api_keys_are_set() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(Map.of("EASEL_API_KEYS", "k-one"))) {
            assertThat(get(gateway, "/").statusCode()).isEqualTo(200);
            assertThat(get(gateway, "/playground/playground.js").statusCode()).isEqualTo(200);
            assertThat(get(gateway, "/v1/models").statusCode()).isEqualTo(401);
            assertThat(get(gateway, "/v1/models", "authorization", "Bearer k-one").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_answer_404_at_the_root_and_for_assets_when_the_playground_is_off() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(Map.of("EASEL_PLAYGROUND", "false"))) {
            HttpResponse<String> root = get(gateway, "/");
            assertThat(root.statusCode()).isEqualTo(404);
            assertThat(root.body()).contains("\"code\":\"not_found\"");
            assertThat(get(gateway, "/playground/playground.js").statusCode()).isEqualTo(404);
            assertThat(get(gateway, "/v1/models").statusCode()).isEqualTo(200);
        }
    }
}

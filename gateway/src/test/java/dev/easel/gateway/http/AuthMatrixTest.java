package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.RawHttp;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route x (no key, wrong key, right key) x path spellings, sent raw over a socket so no
 * client normalizes them (issue 10, finding 1: {@code /v1/files/%2e%2e/images/generations}
 * answered 200 without a key). Without the right key no protected route ever answers 2xx,
 * whatever the spelling; with it, the canonical path works.
 */
class AuthMatrixTest {

    private static final String KEY = "k1-matrix-key";
    private static final String BODY = "{\"prompt\":\"a red square\",\"model\":\"test-pattern\",\"size\":\"64x64\"}";

    private static RunningGateway gateway;
    private static RawHttp raw;
    private static String storedFile;

    /** A protected route: method, canonical path (query included), body or null. */
    private record Route(String method, String path, String body) {
    }

    private static final List<Route> PROTECTED = List.of(
            new Route("POST", "/v1/images/generations?dry_run=true", BODY),
            new Route("POST", "/v1/images/generations", BODY),
            new Route("GET", "/v1/models", null),
            new Route("GET", "/v1/models/test-pattern", null),
            new Route("GET", "/metrics", null));

    private enum Key {
        NONE(""), WRONG("Authorization: Bearer k1-matrix-kez\r\n"), RIGHT("Authorization: Bearer " + KEY + "\r\n");

        final String header;

        Key(String header) {
            this.header = header;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(Map.of("EASEL_API_KEYS", "other-key," + KEY));
        raw = new RawHttp(gateway.port());
        RawHttp.Response made = send("POST", "/v1/images/generations", Key.RIGHT,
                "{\"prompt\":\"x\",\"model\":\"test-pattern\",\"size\":\"64x64\",\"response_format\":\"url\"}");
        assertThat(made.status()).isEqualTo(200);
        storedFile = URI.create(new JsonObject(made.body()).getJsonArray("data").getJsonObject(0).getString("url")).getRawPath();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static RawHttp.Response send(String method, String path, Key key, String body) throws Exception {
        String headers = key.header + (body == null ? "" : "Content-Type: application/json\r\n");
        return raw.send(method, path, headers, body);
    }

    /** Spellings of {@code path} that a lax server might route to the same handler. */
    private static List<String> variants(String path) {
        String bare = path.substring(1); // without the leading slash
        String afterV1 = path.startsWith("/v1/") ? path.substring(4) : bare;
        List<String> out = new ArrayList<>(List.of(
                "/v1/files/../" + afterV1,
                "/v1/files/%2e%2e/" + afterV1,
                "/v1/files/%2E%2E/" + afterV1,
                "/v1/files/.%2e/" + afterV1,
                "/v1/files/..%2f" + afterV1,
                "/v1/files/%2e%2e%2f" + afterV1,
                "/v1/files/x/../../" + bare,
                "/v1/files/..\\" + afterV1,
                "/healthz/../" + bare,
                "/healthz/%2e%2e/" + bare,
                "/readyz/../" + bare,
                "/./" + bare,
                "//" + bare,
                path.replaceFirst("/", "//"),
                path.toUpperCase(),
                path.contains("?") ? path.replace("?", "/?") : path + "/",
                "/v1/files/%2e%2e/%2e%2e/" + bare));
        if (path.startsWith("/v1/")) {
            out.add("/v1/./" + afterV1);
            out.add("/v1//" + afterV1);
            out.add("/v1/%2e/" + afterV1);
        }
        return out;
    }

    @Test
    void should_answer_the_canonical_route_only_with_the_right_key() throws Exception {
        for (Route r : PROTECTED) {
            for (Key key : Key.values()) {
                RawHttp.Response answer = send(r.method(), r.path(), key, r.body());
                if (key == Key.RIGHT) {
                    assertThat(answer.status()).as("%s %s with the key", r.method(), r.path()).isEqualTo(200);
                } else {
                    assertThat(answer.status()).as("%s %s with key %s", r.method(), r.path(), key).isEqualTo(401);
                    assertThat(answer.error().getString("code")).isEqualTo("authentication_failed");
                    assertThat(answer.header("x-request-id")).isNotBlank();
                    assertThat(answer.header("x-should-retry")).isEqualTo("false");
                }
            }
        }
    }

    @Test
    void should_never_serve_a_protected_route_without_the_key_whatever_the_path_spelling() throws Exception {
        for (Route r : PROTECTED) {
            for (String path : variants(r.path())) {
                for (Key key : List.of(Key.NONE, Key.WRONG)) {
                    RawHttp.Response answer = send(r.method(), path, key, r.body());
                    assertThat(answer.status()).as("%s %s with key %s: %s", r.method(), path, key, answer.body())
                            .isBetween(400, 499);
                    assertThat(answer.body()).as("%s %s", r.method(), path)
                            .doesNotContain("\"data\"").doesNotContain("easel_").doesNotContain("\"candidates\"");
                    assertThat(answer.error()).as("%s %s envelope", r.method(), path).isNotNull();
                }
            }
        }
    }

    @Test
    void should_refuse_dot_segments_and_encoded_separators_even_with_the_key() throws Exception {
        for (String path : List.of("/v1/files/../models", "/v1/files/%2e%2e/images/generations", "/v1/./models",
                "/v1/files/..%2fmodels", "/v1/files/images/%2e%2e/x.png", "/v1//models", "/healthz/../v1/models")) {
            RawHttp.Response answer = send("GET", path, Key.RIGHT, null);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.error().getString("code")).isEqualTo("invalid_request");
        }
    }

    @Test
    void should_serve_public_routes_without_a_key_and_details_only_with_one() throws Exception {
        for (Key key : Key.values()) {
            assertThat(send("GET", "/healthz", key, null).status()).isEqualTo(200);
            assertThat(send("GET", storedFile, key, null).status()).as(storedFile).isEqualTo(200);
            RawHttp.Response ready = send("GET", "/readyz", key, null);
            assertThat(ready.status()).isEqualTo(200);
            JsonObject body = new JsonObject(ready.body());
            assertThat(body.getString("status")).isEqualTo("ready");
            if (key == Key.RIGHT) {
                assertThat(body.getJsonObject("providers")).isNotNull();
                assertThat(body.getJsonObject("routes")).isNotNull();
            } else {
                // DESIGN "Running it": /readyz shows its status to anyone, its details to key holders.
                assertThat(body.fieldNames()).containsExactly("status");
            }
        }
        // Files are public for reading only.
        assertThat(send("POST", storedFile, Key.NONE, "{}").status()).isEqualTo(401);
    }

    @Test
    void should_serve_metrics_without_a_key_only_when_metrics_are_public() throws Exception {
        try (RunningGateway open = RunningGateway.start(Map.of("EASEL_API_KEYS", KEY, "EASEL_METRICS_PUBLIC", "true"))) {
            RawHttp.Response metrics = new RawHttp(open.port()).send("GET", "/metrics", "", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("easel_");
            assertThat(new RawHttp(open.port()).send("GET", "/v1/models", "", null).status()).isEqualTo(401);
        }
    }
}

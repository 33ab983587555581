package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.EventLoopLateness;
import dev.easel.gateway.testing.RawHttp;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at every layer (issue 10, findings 2, 5, 10, 14, 15): each field with every
 * kind of wrong value, bodies that are not strict JSON, wrong content types, oversize headers
 * and URIs, slow and partial requests. Each is a 4xx in the JSON envelope (naming the field
 * where there is one); after each batch the gateway still answers, and during the whole suite
 * no event loop runs more than 50 ms late.
 */
class BadInputTest {

    private static final long MAX_LATENESS_MS = 50;
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(800);
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(800);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1200);

    private static RunningGateway gateway;
    private static RawHttp raw;
    private static EventLoopLateness lateness;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(Map.of(
                "EASEL_BODY_TIMEOUT", BODY_TIMEOUT.toMillis() + "ms",
                "EASEL_HEADER_TIMEOUT", HEADER_TIMEOUT.toMillis() + "ms",
                "EASEL_IDLE_TIMEOUT", IDLE_TIMEOUT.toMillis() + "ms"));
        raw = new RawHttp(gateway.port());
        // Warm the paths once so class loading is not counted as lateness.
        post("{\"prompt\":\"warm\",\"model\":\"test-pattern\",\"size\":\"64x64\"}");
        lateness = new EventLoopLateness(gateway.vertx());
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.printf("BadInputTest event-loop lateness: busy %d ms, wall clock %d ms%n",
                lateness.maxLateMillis(), lateness.maxWallLateMillis());
        lateness.close();
        gateway.close();
    }

    @AfterEach
    void healthy_after_each_batch() throws Exception {
        long started = System.nanoTime();
        RawHttp.Response health = raw.send("GET", "/healthz", "", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(lateness.maxLateMillis()).as("worst event-loop lateness so far (ms; wall clock incl. machine load: %d)",
                lateness.maxWallLateMillis()).isLessThan(MAX_LATENESS_MS);
    }

    private static RawHttp.Response post(String body) throws Exception {
        return raw.send("POST", "/v1/images/generations?dry_run=true", "Content-Type: application/json\r\n", body);
    }

    private static void assertEnvelope(RawHttp.Response r, int status, String code, String param, String what) {
        assertThat(r.status()).as("%s -> %s", what, r.body()).isEqualTo(status);
        assertThat(r.header("content-type")).as(what).startsWith("application/json");
        assertThat(r.header("x-request-id")).as(what).isNotBlank();
        assertThat(r.header("x-should-retry")).as(what).isEqualTo("false");
        JsonObject error = r.error();
        assertThat(error.getString("code")).as(what).isEqualTo(code);
        assertThat(error.getString("type")).as(what).isEqualTo("invalid_request_error");
        assertThat(error.getString("message")).as(what).isNotBlank().hasSizeLessThan(600);
        assertThat(error.getValue("param")).as(what).isEqualTo(param);
    }

    private static final String HUGE = "x".repeat(100_000);
    private static final List<Object> BAD_STRINGS = List.of(42, true, List.of("a"), Map.of("a", 1), "x\u0000", "\u001b[31m",
            "a\ud800", "\u0085", HUGE);

    /** Each field and values that must be refused naming it; the rest of the body is valid. */
    private static Map<String, List<Object>> badValues() {
        Map<String, List<Object>> m = new LinkedHashMap<>();
        m.put("prompt", List.of(42, List.of(), Map.of(), "", "\u0000\u0000", "\u200b\u200d\ufeff", " \t\n", "a\udc00",
                "\u0007beep", "p".repeat(32_001)));
        m.put("model", BAD_STRINGS);
        m.put("negative_prompt", List.of(42, List.of("a"), "\u0000", "a\ud800", "n".repeat(32_001)));
        m.put("user", BAD_STRINGS);
        for (String f : List.of("size", "aspect_ratio", "resolution", "size_mode", "response_format", "output_format",
                "quality", "style", "background", "moderation")) {
            List<Object> values = new ArrayList<>(BAD_STRINGS);
            values.add("zzz-not-a-value");
            m.put(f, values);
        }
        m.get("size").addAll(List.of("64x64\u0000", "0x0", "99999x99999", "64x64x64", "-64x64", "1e3x64", "\u0664\u0664x64"));
        m.get("aspect_ratio").addAll(List.of("\u0661\u0666:9", "16:0", "0:0"));
        List<Object> numbers = List.of("1", true, List.of(1), Map.of(), 1.5, -1, 1e300, "NaN");
        for (String f : List.of("n", "seed", "output_compression")) {
            m.put(f, new ArrayList<>(numbers));
        }
        m.get("n").addAll(List.of(0, 11, 1L << 40));
        m.get("seed").addAll(List.of(4_294_967_296L, new java.math.BigInteger("18446744073709551616"), 1.8446744073709552E19));
        m.get("output_compression").add(101);
        // stream: true is valid since streaming exists (issue 14); partial_images is checked as strictly.
        m.put("stream", List.of("true", 1, List.of(), Map.of()));
        m.put("partial_images", List.of("1", true, 1.5, -1, 4, List.of()));
        m.put("provider_options", List.of("x", 1, List.of(), true));
        return m;
    }

    @Test
    void should_name_each_field_when_its_value_is_wrong() throws Exception {
        int checked = 0;
        for (Map.Entry<String, List<Object>> field : badValues().entrySet()) {
            for (Object value : field.getValue()) {
                JsonObject body = new JsonObject().put("prompt", "a cat").put("model", "test-pattern").put("size", "64x64");
                body.put(field.getKey(), value);
                String what = field.getKey() + "=" + shorten(String.valueOf(value));
                assertEnvelope(post(escapeSurrogates(body.encode())), 400, "invalid_request", field.getKey(), what);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    @Test
    void should_answer_bad_numbers_as_400_naming_the_field_when_json_writes_them_past_any_range() throws Exception {
        for (String field : List.of("n", "seed", "output_compression")) {
            for (String number : List.of("1e400", "-1e400", "1.8446744073709552E19", "18446744073709551616", "1" + "0".repeat(60))) {
                String body = "{\"prompt\":\"x\",\"model\":\"test-pattern\",\"" + field + "\":" + number + "}";
                assertEnvelope(post(body), 400, "invalid_request", field, field + "=" + number);
            }
        }
        // Longer than the parser's number bound: refused as a whole, still a 400.
        assertEnvelope(post("{\"prompt\":\"x\",\"n\":1" + "0".repeat(200) + "}"), 400, "invalid_request", null, "200-digit n");
    }

    @Test
    void should_refuse_bodies_that_are_not_one_strict_json_object() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not json", "{not json");
        bodies.put("comment", "{\"prompt\":\"x\" /* hidden */}");
        bodies.put("line comment", "{\"prompt\":\"x\"}\n// hidden");
        bodies.put("trailing comma", "{\"prompt\":\"x\",}");
        bodies.put("two objects", "{\"prompt\":\"x\"}{\"prompt\":\"y\"}");
        bodies.put("array root", "[{\"prompt\":\"x\"}]");
        bodies.put("empty", "");
        bodies.put("deep nesting", "{\"provider_options\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001));
        bodies.put("deep arrays", "{\"prompt\":" + "[".repeat(50_000) + "}");
        bodies.put("invalid utf-8 escape", "{\"prompt\":\"\\uZZZZ\"}");
        for (Map.Entry<String, String> b : bodies.entrySet()) {
            assertEnvelope(post(b.getValue()), 400, "invalid_request", null, b.getKey());
        }
        assertEnvelope(post("{\"prompt\":\"a cat\",\"model\":\"test-pattern\",\"prompt\":\"a dog\"}"), 400,
                "invalid_request", "prompt", "duplicate prompt");
    }

    @Test
    void should_answer_415_when_the_content_type_is_not_json() throws Exception {
        String body = "{\"prompt\":\"x\",\"model\":\"test-pattern\"}";
        for (String type : List.of("", "Content-Type: text/plain\r\n", "Content-Type: application/x-www-form-urlencoded\r\n",
                "Content-Type: multipart/form-data; boundary=x\r\n", "Content-Type: application/jsonp\r\n",
                "Content-Type: text/json\r\n")) {
            RawHttp.Response r = raw.send("POST", "/v1/images/generations?dry_run=true", type, body);
            assertEnvelope(r, 415, "unsupported_media_type", null, type.isEmpty() ? "no content type" : type.trim());
        }
        RawHttp.Response ok = raw.send("POST", "/v1/images/generations?dry_run=true",
                "Content-Type: Application/JSON; charset=utf-8\r\n", body);
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void should_answer_protocol_errors_in_the_envelope_when_headers_uris_or_framing_are_bad() throws Exception {
        RawHttp.Response headers = raw.send("GET", "/v1/models", "X-Big: " + "h".repeat(20_000) + "\r\n", null);
        assertEnvelope(headers, 431, "headers_too_large", null, "20 KB header");
        RawHttp.Response uri = raw.send("GET", "/v1/models/" + "u".repeat(10_000), "", null);
        assertEnvelope(uri, 414, "uri_too_long", null, "10 KB URI");
        RawHttp.Response garbage = raw.exchange("BREW /pot HTCPCP/1.0 extra words\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage.status()).as(garbage.body()).isBetween(400, 499);
        assertThat(garbage.header("x-request-id")).isNotBlank();
        assertThat(garbage.error()).isNotNull();
        String chunked = "POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "zz\r\n{\"prompt\":\"x\"}\r\n0\r\n\r\n";
        RawHttp.Response badChunk = raw.exchange(chunked.getBytes(StandardCharsets.US_ASCII));
        assertEnvelope(badChunk, 400, "invalid_request", null, "malformed chunk size");
        RawHttp.Response tooBig = post("{\"prompt\":\"" + "b".repeat(1_100_000) + "\"}");
        assertEnvelope(tooBig, 413, "payload_too_large", null, "body over the limit");
    }

    @Test
    void should_answer_408_and_close_when_a_body_stops_arriving() throws Exception {
        try (Socket socket = raw.open()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"prompt\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            RawHttp.Response r = RawHttp.read(socket.getInputStream()); // returns when the server closes
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEnvelope(r, 408, "request_timeout", null, "partial body");
            assertThat(r.header("connection")).isEqualToIgnoringCase("close");
            assertThat(took).isBetween(BODY_TIMEOUT.minusMillis(100), BODY_TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void should_close_connections_that_send_nothing_or_trickle_their_headers() throws Exception {
        try (Socket idle = raw.open(); Socket slow = raw.open()) {
            idle.setSoTimeout(10_000);
            slow.setSoTimeout(10_000);
            long started = System.nanoTime();
            OutputStream out = slow.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readToEnd(idle.getInputStream())).isEmpty();
            assertThat(readToEnd(slow.getInputStream())).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(HEADER_TIMEOUT.minusMillis(100),
                    HEADER_TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void should_close_a_kept_alive_connection_when_it_stays_idle() throws Exception {
        try (Socket socket = raw.open()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            String all = readToEnd(socket.getInputStream()); // the answer, then nothing until the idle close
            assertThat(all).startsWith("HTTP/1.1 200");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(IDLE_TIMEOUT.minusMillis(100),
                    IDLE_TIMEOUT.plusSeconds(3));
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Lone surrogates cannot travel as UTF-8: send them as JSON escapes, as a hostile client would. */
    private static String escapeSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            out.append(Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    }
}

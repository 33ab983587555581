package dev.easel.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A WireMock server on 127.0.0.1 speaking OpenAI's {@code POST /v1/images/generations}: real
 * base64 PNGs on success, and OpenAI's published error envelope
 * {@code {"error": {message, type, param, code}}} with its statuses on failure.
 */
public final class OpenAiCompatibleStub implements AutoCloseable {

    public static final String PATH = "/v1/images/generations";
    private static final String FAIL_ONE = "fail-one-call";
    private static final String FAIL_FIRST_OF_PROMPT = "fail-first-call-of-each-prompt";

    private final WireMockServer server;
    private final FailOneCall failOne = new FailOneCall();
    private final FailFirstCallOfEachPrompt failFirstOfPrompt = new FailFirstCallOfEachPrompt();

    public OpenAiCompatibleStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .extensions(failOne, failFirstOfPrompt));
        server.start();
    }

    /** Scheme, host and port: where WireMock's admin API ({@code /__admin/...}) answers. */
    public String root() {
        return "http://127.0.0.1:" + server.port();
    }

    /** What to set as the provider's {@code base_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    public WireMockServer server() {
        return server;
    }

    /** Forgets stubs, the request journal and the fail-one counters. */
    public void reset() {
        server.resetAll();
        failOne.reset(0);
        failFirstOfPrompt.reset();
    }

    /** 200 with one real PNG (the routes under test make one image per call). */
    public OpenAiCompatibleStub succeeds() {
        return succeedsAfter(0);
    }

    /** 200 with a PNG, after {@code delayMs}. */
    public OpenAiCompatibleStub succeedsAfter(int delayMs) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(imageResponse().withFixedDelay(delayMs)));
        return this;
    }

    /** 200 with a PNG, except the {@code nth} call (1-based, counted across threads), which answers 503. */
    public OpenAiCompatibleStub failsOnlyCall(int nth) {
        failOne.reset(nth);
        server.stubFor(post(urlEqualTo(PATH)).willReturn(imageResponse().withTransformers(FAIL_ONE)));
        return this;
    }

    /**
     * 500 {@code server_error} the first time each distinct {@code prompt} arrives, a PNG on every
     * later call with it: a passing outage that tests sharing one stub can each meet once.
     */
    public OpenAiCompatibleStub failsFirstCallOfEachPrompt() {
        failFirstOfPrompt.reset();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(imageResponse().withTransformers(FAIL_FIRST_OF_PROMPT)));
        return this;
    }

    /** {@code status} with OpenAI's error envelope. */
    public OpenAiCompatibleStub fails(int status, String type, String code, String param, String message) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(error(status, type, code, param, message)));
        return this;
    }

    /** 503 as OpenAI sends it when overloaded. */
    public OpenAiCompatibleStub unavailable() {
        return fails(503, "server_error", null, null, "The server is overloaded or not ready yet.");
    }

    /** 429 {@code rate_limit_exceeded} with {@code Retry-After: seconds}. */
    public OpenAiCompatibleStub rateLimited(int retryAfterSeconds) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(error(429, "requests", "rate_limit_exceeded", null,
                "Rate limit reached for images per min (IPM): Limit 5, Used 5, Requested 1.")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds))));
        return this;
    }

    /** 401 {@code invalid_api_key}: the gateway's key for this provider is wrong. */
    public OpenAiCompatibleStub rejectsTheKey() {
        return fails(401, "invalid_request_error", "invalid_api_key", null,
                "Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.");
    }

    /** 400 {@code content_policy_violation}, as dall-e models refuse a prompt. */
    public OpenAiCompatibleStub refusesOnContentPolicy() {
        return fails(400, "invalid_request_error", "content_policy_violation", null,
                "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.");
    }

    /** 400 on a field the upstream does not accept. */
    public OpenAiCompatibleStub rejectsTheInput() {
        return fails(400, "invalid_request_error", "invalid_value", "size",
                "Invalid value: '1024x1024'. Supported values are: '256x256' and '512x512'.");
    }

    /** 200 with {@code data: []}. */
    public OpenAiCompatibleStub answersWithoutImage() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(json(200,
                new JsonObject().put("created", 1_700_000_000).put("data", new JsonArray()))));
        return this;
    }

    /** 200 whose {@code b64_json} is valid base64 of bytes that are no image. */
    public OpenAiCompatibleStub answersWithBytesThatAreNoImage() {
        String junk = Base64.getEncoder().encodeToString("definitely not a PNG, just text".getBytes(StandardCharsets.UTF_8));
        server.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, new JsonObject().put("created", 1_700_000_000)
                .put("data", new JsonArray().add(new JsonObject().put("b64_json", junk))))));
        return this;
    }

    /** Accepts the connection, then resets it. */
    public OpenAiCompatibleStub resetsTheConnection() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return this;
    }

    /** Answers a PNG only after {@code delayMs}: longer than the caller's timeout is a timeout. */
    public OpenAiCompatibleStub hangsFor(int delayMs) {
        return succeedsAfter(delayMs);
    }

    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    public int calls() {
        return requests().size();
    }

    /** Every request of any method and path: proves nothing at all was called. */
    public int everything() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- bodies ---------------------------------------------------------------------------

    /** A real 16x16 PNG, decodable by any reader. */
    public static byte[] png() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, 16, 16);
        g.setColor(Color.ORANGE);
        g.fillOval(4, 4, 8, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ResponseDefinitionBuilder imageResponse() {
        JsonObject body = new JsonObject()
                .put("created", 1_700_000_000)
                .put("data", new JsonArray().add(new JsonObject().put("b64_json", Base64.getEncoder().encodeToString(png()))))
                .put("usage", new JsonObject().put("input_tokens", 12).put("output_tokens", 272).put("total_tokens", 284));
        return json(200, body);
    }

    private static ResponseDefinitionBuilder error(int status, String type, String code, String param, String message) {
        return json(status, new JsonObject().put("error", new JsonObject()
                .put("message", message).put("type", type).put("param", param).put("code", code)));
    }

    private static ResponseDefinitionBuilder json(int status, JsonObject body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.encode());
    }

    /** Turns the first call carrying each prompt into OpenAI's 500. */
    private static final class FailFirstCallOfEachPrompt implements ResponseDefinitionTransformerV2 {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        void reset() {
            seen.clear();
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String prompt = new JsonObject(event.getRequest().getBodyAsString()).getString("prompt", "");
            if (seen.add(prompt)) {
                return error(500, "server_error", null, null,
                        "The server had an error while processing your request. Sorry about that!").build();
            }
            return event.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return FAIL_FIRST_OF_PROMPT;
        }
    }

    /** Turns exactly one call of a stub (the nth to arrive, counted atomically) into a 503. */
    private static final class FailOneCall implements ResponseDefinitionTransformerV2 {
        private final AtomicInteger seen = new AtomicInteger();
        private volatile int failAt;

        void reset(int nth) {
            seen.set(0);
            failAt = nth;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (seen.incrementAndGet() == failAt) {
                return error(503, "server_error", null, null, "The server is overloaded or not ready yet.").build();
            }
            return event.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return FAIL_ONE;
        }
    }
}

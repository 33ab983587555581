package dev.easel.gateway.load;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.gateway.testing.ProviderStubs.FAL;
import static dev.easel.gateway.testing.ProviderStubs.OPENAI;
import static dev.easel.gateway.testing.ProviderStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.gateway.testing.RunningGateway;
import dev.easel.media.ImageFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hundreds of concurrent requests across two providers (OpenAI's synchronous API, fal's queue with
 * media URLs) with 30% of upstream calls faulted: every request ends with its image or a
 * documented error, none hangs, and a second round leaves no threads, file descriptors,
 * direct buffers or heap behind the first.
 */
class FaultSuiteTest {

    /**
     * The 500. At this scale a pooled keep-alive connection to the media host was now
     * and then closed by the host just as it was reused, and the paid fal image was lost with
     * it; {@code MediaFetcher} now sends such a GET once more.
     */
    private static final int CONCURRENT = Integer.getInteger("easel.fault.concurrent", 500);
    /** Long enough for a healthy request on a busy 2-core CI machine, short enough to keep the suite near a minute. */
    private static final int TIMEOUT_S = Integer.getInteger("easel.fault.timeout", 15);
    /** Longer than the deadline: the gateway must give up, not the stub. */
    private static final int HANG_MS = (TIMEOUT_S + 3) * 1000;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(200)
                    .asynchronousResponseEnabled(true).asynchronousResponseThreads(8))
            .build();

    /** One kind of upstream behaviour, chosen by the prompt; 10 of every 33 requests are faulted. */
    private enum Kind {
        OPENAI_OK(7), FAL_OK(16),
        OPENAI_RESET(1), OPENAI_500(1), OPENAI_502(1), OPENAI_503(1), OPENAI_429(1), OPENAI_MALFORMED(1),
        OPENAI_HANG(1), OPENAI_TRUNCATED(1), OPENAI_NOT_AN_IMAGE(1), FAL_NEVER_COMPLETES(1), FAL_MEDIA_404(1);

        final int share;

        Kind(int share) {
            this.share = share;
        }

        boolean fal() {
            return name().startsWith("FAL");
        }

        String prompt() {
            return "fault suite " + name().toLowerCase();
        }
    }

    /** @param detail the error's message and attempts, so a failed assertion says why */
    private record Outcome(Kind kind, int status, String code, boolean image, String detail) {
    }

    @Test
    void should_end_every_request_with_images_or_a_documented_error_and_leak_nothing_when_30_percent_fault()
            throws Exception {
        ProviderStubs stubs = new ProviderStubs(wm);
        stub(stubs);
        Map<String, String> env = new HashMap<>(stubs.env());
        env.put("EASEL_REQUEST_TIMEOUT", TIMEOUT_S + "s");
        env.put("EASEL_REHOST", "when_needed");
        // Idle keep-alive connections in the pools come and go between rounds; what must not
        // stay is anything once the gateway and the client are closed.
        Resources before = Resources.settled();
        Vertx clientVertx = Vertx.vertx();
        try (RunningGateway gateway = RunningGateway.start(env)) {
            WebClient client = WebClient.create(clientVertx, new WebClientOptions()
                    .setDefaultHost("127.0.0.1").setDefaultPort(Integer.parseInt(gateway.baseUrl().replaceAll(".*:", "")))
                    .setKeepAliveTimeout(2),
                    new PoolOptions().setHttp1MaxSize(CONCURRENT));

            round(client, 34); // JIT and connection warm-up; its outcomes are not the subject
            List<Outcome> first = round(client, CONCURRENT);
            Resources afterFirst = Resources.settled();
            List<Outcome> second = round(client, CONCURRENT);
            Resources afterSecond = Resources.settled();

            for (List<Outcome> outcomes : List.of(first, second)) {
                assertThat(outcomes).hasSize(CONCURRENT);
                Map<Kind, Set<String>> byKind = new TreeMap<>();
                for (Outcome o : outcomes) {
                    byKind.computeIfAbsent(o.kind(), k -> new TreeSet<>()).add(o.status() + " " + o.code());
                }
                // Healthy upstreams always deliver, even with 30% of the traffic around them failing.
                System.out.println("fault suite outcomes: " + byKind);
                assertThat(outcomes).filteredOn(o -> o.kind() == Kind.OPENAI_OK || o.kind() == Kind.FAL_OK)
                        .allSatisfy(o -> assertThat(o.image()).as(o.toString()).isTrue());
                assertThat(byKind).as("status and code per kind").containsExactlyInAnyOrderEntriesOf(expected());
            }
            client.close();
            System.out.println("fault suite resources: after round 1 " + afterFirst + ", after round 2 " + afterSecond);
            assertThat(afterSecond.threads()).as("threads").isLessThanOrEqualTo(afterFirst.threads() + 2);
            assertThat(afterSecond.directBytes()).as("Netty direct memory")
                    .isLessThanOrEqualTo(afterFirst.directBytes() + (16L << 20));
            assertThat(afterSecond.heapBytes()).as("heap after GC")
                    .isLessThanOrEqualTo(afterFirst.heapBytes() + (48L << 20));
        } finally {
            clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        Resources after = Resources.settled();
        System.out.println("fault suite resources: before " + before + ", after closing " + after);
        assertThat(after.threads()).as("Vert.x and Easel threads after closing").isEqualTo(before.threads());
        assertThat(after.fds()).as("open file descriptors after closing").isLessThanOrEqualTo(before.fds() + 16);
    }

    /** What each kind must end as, and nothing else (the README's error table). */
    private static Map<Kind, Set<String>> expected() {
        Map<Kind, Set<String>> m = new TreeMap<>();
        m.put(Kind.OPENAI_OK, Set.of("200 null"));
        m.put(Kind.FAL_OK, Set.of("200 null"));
        m.put(Kind.OPENAI_429, Set.of("429 rate_limited"));
        m.put(Kind.OPENAI_HANG, Set.of("504 upstream_timeout"));
        m.put(Kind.FAL_NEVER_COMPLETES, Set.of("504 upstream_timeout"));
        for (Kind k : List.of(Kind.OPENAI_RESET, Kind.OPENAI_500, Kind.OPENAI_502, Kind.OPENAI_503,
                Kind.OPENAI_MALFORMED, Kind.OPENAI_TRUNCATED, Kind.OPENAI_NOT_AN_IMAGE, Kind.FAL_MEDIA_404)) {
            m.put(k, Set.of("502 all_providers_exhausted"));
        }
        return m;
    }

    private static List<Outcome> round(WebClient client, int requests) throws Exception {
        long started = System.nanoTime();
        List<Kind> deck = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = 0; i < k.share; i++) {
                deck.add(k);
            }
        }
        List<Future<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Kind kind = deck.get(i % deck.size());
            JsonObject body = new JsonObject()
                    .put("model", kind.fal() ? "fal/flux-schnell" : "openai/gpt-image-1")
                    .put("prompt", kind.prompt())
                    .put("response_format", "b64_json");
            all.add(client.post("/v1/images/generations")
                    .timeout(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 5L)) // a hang in Easel fails the test here
                    .sendJsonObject(body)
                    .map(r -> outcome(kind, r))
                    // A dropped or hung connection is an outcome the assertions below must name, not an abort.
                    .otherwise(e -> new Outcome(kind, -1, e.getClass().getSimpleName(), false, String.valueOf(e.getMessage()))));
        }
        Future.all(all).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        System.out.println("fault suite round of " + requests + ": "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        return all.stream().map(Future::result).toList();
    }

    private static Outcome outcome(Kind kind, HttpResponse<io.vertx.core.buffer.Buffer> r) {
        JsonObject body = r.bodyAsJsonObject();
        if (r.statusCode() == 200) {
            JsonArray data = body.getJsonArray("data");
            byte[] png = Base64.getDecoder().decode(data.getJsonObject(0).getString("b64_json"));
            boolean image = data.size() == 1 && png.length > 8 && (png[1] == 'P' || (png[0] & 0xff) == 0xff);
            return new Outcome(kind, 200, null, image, "");
        }
        JsonObject error = body.getJsonObject("error");
        assertThat(error.getString("message")).as("error message for " + kind).isNotBlank();
        if (r.statusCode() == 429 || r.statusCode() == 503) {
            assertThat(r.getHeader("retry-after")).as("Retry-After for " + kind).isNotNull();
        }
        return new Outcome(kind, r.statusCode(), error.getString("code"), false, error.encode());
    }

    private static void stub(ProviderStubs stubs) {
        byte[] png = ProviderStubs.image(ImageFormat.PNG, 64, 64);
        openAi(Kind.OPENAI_OK, json(200, images(png)));
        openAi(Kind.OPENAI_RESET, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        openAi(Kind.OPENAI_500, error(500, "server_error", "The server had an error while processing your request."));
        openAi(Kind.OPENAI_502, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        openAi(Kind.OPENAI_503, error(503, "server_error", "The server is overloaded or not ready yet."));
        openAi(Kind.OPENAI_429, error(429, "requests", "Rate limit reached for images per min (IPM).")
                .withHeader("Retry-After", "1"));
        openAi(Kind.OPENAI_MALFORMED, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"created\":1756548000,\"data\":[{\"b64_json\":\"iVBOR"));
        openAi(Kind.OPENAI_HANG, json(200, images(png)).withFixedDelay(HANG_MS));
        openAi(Kind.OPENAI_TRUNCATED, json(200, images(Arrays.copyOf(png, png.length / 2))));
        openAi(Kind.OPENAI_NOT_AN_IMAGE, json(200, images(ProviderStubs.html())));

        String okUrl = stubs.media("fal/files/fault-suite/ok.png", png, "image/png");
        String missing = stubs.root() + ProviderStubs.MEDIA + "/fal/files/fault-suite/gone.png";
        fal(stubs, Kind.FAL_OK, "fs-ok-0001", true, okUrl);
        fal(stubs, Kind.FAL_MEDIA_404, "fs-404-0002", true, missing);
        fal(stubs, Kind.FAL_NEVER_COMPLETES, "fs-never-0003", false, okUrl);
    }

    private static void openAi(Kind kind, ResponseDefinitionBuilder answer) {
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo(kind.prompt())))
                .willReturn(answer));
    }

    /** fal's queue: submit, then status COMPLETED (or IN_QUEUE forever), then the result. */
    private static void fal(ProviderStubs stubs, Kind kind, String requestId, boolean completes, String imageUrl) {
        String job = FAL + "/fal-ai/flux/requests/" + requestId;
        JsonObject urls = new JsonObject()
                .put("request_id", requestId)
                .put("response_url", stubs.root() + job)
                .put("status_url", stubs.root() + job + "/status")
                .put("cancel_url", stubs.root() + job + "/cancel");
        wm.stubFor(post(urlEqualTo(FAL + "/fal-ai/flux/schnell"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo(kind.prompt())))
                .willReturn(json(200, urls.copy().put("status", "IN_QUEUE").put("queue_position", 0))
                        .withHeader("x-fal-request-id", requestId)));
        wm.stubFor(get(urlEqualTo(job + "/status")).willReturn(completes
                ? json(200, urls.copy().put("status", "COMPLETED").put("logs", new JsonArray()))
                : json(202, urls.copy().put("status", "IN_QUEUE").put("queue_position", 3))));
        wm.stubFor(get(urlEqualTo(job)).willReturn(json(200, new JsonObject()
                .put("images", new JsonArray().add(new JsonObject().put("url", imageUrl).put("width", 64)
                        .put("height", 64).put("content_type", "image/png")))
                .put("seed", 1234567).put("has_nsfw_concepts", new JsonArray().add(false)).put("prompt", kind.prompt()))));
        wm.stubFor(put(urlEqualTo(job + "/cancel"))
                .willReturn(json(202, new JsonObject().put("status", "CANCELLATION_REQUESTED"))));
    }

    private static JsonObject images(byte[] bytes) {
        return new JsonObject().put("created", 1756548000L).put("data", new JsonArray()
                .add(new JsonObject().put("b64_json", Base64.getEncoder().encodeToString(bytes))));
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return json(status, new JsonObject().put("error", new JsonObject()
                .put("message", message).put("type", type).put("param", null).put("code", null)));
    }

    /** What a round may leak, counted once idle connections have closed and a GC has run. */
    private record Resources(int threads, int fds, long directBytes, long heapBytes) {

        static Resources settled() throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < until) {
                System.gc();
                TimeUnit.MILLISECONDS.sleep(250); // idle pools close on their own timers; nothing to wait on
            }
            String[] fds = new File("/proc/self/fd").list();
            Runtime rt = Runtime.getRuntime();
            return new Resources(easelThreads(), fds == null ? -1 : fds.length,
                    io.netty.util.internal.PlatformDependent.usedDirectMemory(), rt.totalMemory() - rt.freeMemory());
        }

        /** Live Vert.x and Easel threads (event loops, workers, the image pool, the checker). */
        private static int easelThreads() {
            return (int) Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("vert.x-") || n.startsWith("vertx-") || n.startsWith("easel-")).count();
        }
    }
}

package dev.easel.gateway.bench;

import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.media.ImageFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fal's queue (providers.md, "fal.ai / Queue protocol") on 127.0.0.1 for many slow jobs at
 * once, as a Vert.x server (WireMock's scenarios hold one job each; this holds thousands):
 * <ul>
 *   <li>{@code POST /{owner}/{app}[/{path}]} with {@code Authorization: Key <key>} answers 200
 *       with {@code request_id}, the {@code response_url}, {@code status_url} and
 *       {@code cancel_url} under {@code owner/app} only, {@code status: IN_QUEUE},
 *       {@code queue_position}, and the {@code x-fal-request-id} header;</li>
 *   <li>the status URL answers 202 {@code IN_QUEUE} for the first tenth of the job time, 202
 *       {@code IN_PROGRESS} until the job completes {@code jobNanos} after its submit, then 200
 *       {@code COMPLETED} with {@code metrics.inference_time};</li>
 *   <li>the response URL answers 400 {@code {"detail":"Request is still in progress"}} before
 *       that and the FLUX result ({@code images[]} with {@code url}, {@code width},
 *       {@code height}, {@code content_type}; {@code timings}, {@code seed},
 *       {@code has_nsfw_concepts}, {@code prompt}) after;</li>
 *   <li>{@code PUT} on the cancel URL answers 202 {@code CANCELLATION_REQUESTED} or, once done,
 *       400 {@code ALREADY_COMPLETED};</li>
 *   <li>the image URL ({@code /files/{id}/image.jpeg}, on this host as the catalog trusts the
 *       base URL's host) serves a real 1024x768 JPEG, the size of fal's default
 *       {@code landscape_4_3}.</li>
 * </ul>
 * A prompt starting with {@link #WARM_UP} makes a job that completes at once.
 * Every job is counted: status polls, result and media reads, cancels, and the first poll
 * that was answered COMPLETED.
 */
final class SlowFalQueueStub implements AutoCloseable {

    static final String KEY = "fal-bench-key";
    /** Jobs whose prompt starts with this complete at once: they warm both JVMs up, not measured. */
    static final String WARM_UP = "warm-up ";
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 768;
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern JOB_PATH = Pattern.compile("^/([^/]+/[^/]+)/requests/([0-9a-f-]{36})(/status|/cancel)?$");
    private static final Pattern MEDIA_PATH = Pattern.compile("^/files/([0-9a-f-]{36})/image\\.jpeg$");

    private final HttpServer server;
    private final long jobNanos;
    private final Buffer jpeg = Buffer.buffer(ProviderStubs.image(ImageFormat.JPEG, WIDTH, HEIGHT));
    private final Map<String, SlowFalJob> jobs = new ConcurrentHashMap<>();
    private volatile String root;

    private SlowFalQueueStub(Vertx vertx, long jobNanos) {
        this.jobNanos = jobNanos;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    }

    /** Listening on a free 127.0.0.1 port; every job completes {@code jobMillis} after its submit. */
    static SlowFalQueueStub start(Vertx vertx, long jobMillis) throws TimeoutException {
        SlowFalQueueStub stub = new SlowFalQueueStub(vertx, TimeUnit.MILLISECONDS.toNanos(jobMillis));
        stub.server.requestHandler(stub::handle).listen().await(10, TimeUnit.SECONDS);
        stub.root = "http://127.0.0.1:" + stub.server.actualPort();
        return stub;
    }

    /** What {@code FAL_BASE_URL} is set to ({@code https://queue.fal.run} in production). */
    String baseUrl() {
        return root;
    }

    Collection<SlowFalJob> jobs() {
        return List.copyOf(jobs.values());
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        Matcher media = MEDIA_PATH.matcher(path);
        if (req.method() == HttpMethod.GET && media.matches()) {
            SlowFalJob job = jobs.get(media.group(1));
            if (job == null || System.nanoTime() < job.completesNanos()) {
                req.response().setStatusCode(404).end();
                return;
            }
            job.mediaRead();
            req.response().putHeader("content-type", "image/jpeg").end(jpeg);
            return;
        }
        if (!("Key " + KEY).equals(req.getHeader("authorization"))) {
            json(req, 401, new JsonObject().put("detail", "Unauthorized"));
            return;
        }
        Matcher job = JOB_PATH.matcher(path);
        if (job.matches()) {
            onJob(req, job.group(1), job.group(2), job.group(3));
        } else if (req.method() == HttpMethod.POST && path.split("/").length >= 3) {
            submit(req, path.substring(1));
        } else {
            json(req, 404, new JsonObject().put("detail", "Not Found"));
        }
    }

    private void submit(HttpServerRequest req, String modelId) {
        String[] parts = modelId.split("/");
        String ownerApp = parts[0] + "/" + parts[1];
        req.body().onSuccess(body -> {
            if (body.length() > MAX_BODY) {
                json(req, 413, new JsonObject().put("detail", "Request body too large"));
                return;
            }
            JsonObject input;
            try {
                input = body.toJsonObject();
            } catch (RuntimeException e) {
                json(req, 422, new JsonObject().put("detail", "Invalid JSON"));
                return;
            }
            String prompt = input.getString("prompt", "");
            SlowFalJob job = new SlowFalJob(UUID.randomUUID().toString(), prompt, System.nanoTime(),
                    prompt.startsWith(WARM_UP) ? 0 : jobNanos);
            jobs.put(job.id(), job);
            req.response().putHeader("x-fal-request-id", job.id());
            json(req, 200, urls(ownerApp, job.id()).put("status", "IN_QUEUE").put("queue_position", 0)
                    .putNull("logs").put("metrics", new JsonObject()));
        });
    }

    private void onJob(HttpServerRequest req, String ownerApp, String id, String action) {
        SlowFalJob job = jobs.get(id);
        if (job == null) {
            json(req, 404, new JsonObject().put("detail", "Request not found"));
            return;
        }
        long now = System.nanoTime();
        String state = job.stateAt(now);
        boolean done = "COMPLETED".equals(state);
        if ("/status".equals(action) && req.method() == HttpMethod.GET) {
            job.polled(now, done);
            JsonObject status = urls(ownerApp, id).put("status", state);
            if ("IN_QUEUE".equals(state)) {
                status.put("queue_position", 0);
            } else {
                status.put("logs", new JsonArray());
            }
            if (done) {
                status.put("metrics", new JsonObject().put("inference_time", jobNanos / 1e9));
            }
            json(req, done ? 200 : 202, status);
        } else if ("/cancel".equals(action) && req.method() == HttpMethod.PUT) {
            job.cancelled();
            json(req, done ? 400 : 202, new JsonObject().put("status", done ? "ALREADY_COMPLETED" : "CANCELLATION_REQUESTED"));
        } else if (action == null && req.method() == HttpMethod.GET) {
            job.resultRead();
            if (!done) {
                json(req, 400, new JsonObject().put("detail", "Request is still in progress"));
                return;
            }
            req.response().putHeader("x-fal-request-id", id);
            json(req, 200, new JsonObject()
                    .put("images", new JsonArray().add(new JsonObject()
                            .put("url", root + "/files/" + id + "/image.jpeg")
                            .put("width", WIDTH).put("height", HEIGHT).put("content_type", "image/jpeg")))
                    .put("timings", new JsonObject().put("inference", jobNanos / 1e9))
                    .put("seed", 1234567)
                    .put("has_nsfw_concepts", new JsonArray().add(false))
                    .put("prompt", job.prompt()));
        } else {
            json(req, 405, new JsonObject().put("detail", "Method Not Allowed"));
        }
    }

    private JsonObject urls(String ownerApp, String id) {
        String base = root + "/" + ownerApp + "/requests/" + id;
        return new JsonObject().put("request_id", id).put("response_url", base)
                .put("status_url", base + "/status").put("cancel_url", base + "/cancel");
    }

    private static void json(HttpServerRequest req, int status, JsonObject body) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toBuffer());
    }

    @Override
    public void close() throws TimeoutException {
        server.close().await(10, TimeUnit.SECONDS);
    }
}

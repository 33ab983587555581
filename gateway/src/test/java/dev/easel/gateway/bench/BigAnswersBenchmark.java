package dev.easel.gateway.bench;

import dev.easel.gateway.testing.Images;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * B4, memory under big answers: {@code bench.clients} (default 200) concurrent
 * {@code test-pattern} requests (the embedded {@code local} provider, no network, no key) for
 * {@code bench.size} (default 2048x2048, 4 MP) PNGs as {@code b64_json}, all sent at once to
 * Easel in its own process ({@link EaselProcess}).
 *
 * <p>Measured: outcomes by status and code, latency p50/p99, Easel's peak RSS (and threads,
 * file descriptors). Every answer is streamed, not held: its length is counted and its start
 * checked to be a JSON answer whose first image is base64 PNG; every
 * {@code bench.decodeEvery}-th answer (default 20th) is kept and decoded after the run to check
 * its pixel size, so the client stays light while Easel is measured.
 *
 * <p>Run: {@code bench/b4-memory.sh} (see BENCHMARKS.md).
 */
public final class BigAnswersBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 200);
    private static final String SIZE = System.getProperty("bench.size", "2048x2048");
    private static final int DECODE_EVERY = Integer.getInteger("bench.decodeEvery", 20);
    private static final String HEAP = System.getProperty("bench.easelHeap", "1g");
    private static final int TIMEOUT_SECONDS = Integer.getInteger("bench.timeoutSeconds", 600);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);

    private BigAnswersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("B4 big answers: %d clients, test-pattern %s png b64_json, Easel -Xmx%s; %s; load average %s%n",
                CLIENTS, SIZE, HEAP, Machine.describe(), Machine.loadAverage());
        Vertx vertx = Vertx.vertx();
        try (EaselProcess easel = EaselProcess.start(HEAP, Map.of());
             ProcessSampler sampler = ProcessSampler.start(easel.pid())) {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(60_000),
                    new PoolOptions().setHttp1MaxSize(Math.max(CLIENTS, WARMUP)));
            // Class loading and the JIT, on small images.
            Run warmUp = new Run(WARMUP);
            for (int i = 0; i < WARMUP; i++) {
                send(http, easel.port(), "256x256", i, false, warmUp);
            }
            warmUp.done.await(120, TimeUnit.SECONDS);
            System.out.println("warm-up, 256x256 (not measured): " + warmUp.outcomes.describe());
            ProcessPeaks beforeRun = sampler.peaks();
            Run run = new Run(CLIENTS);
            long start = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                send(http, easel.port(), SIZE, i, i % DECODE_EVERY == 0, run);
            }
            boolean all = run.done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            ProcessPeaks peaks = sampler.peaks();
            report(run, all, wallSeconds, beforeRun, peaks);
            System.out.println("load average at the end: " + Machine.loadAverage());
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** What the clients saw; {@code answers} holds the finished ones (samples and errors keep their bodies). */
    private static final class Run {
        final Outcomes outcomes = new Outcomes();
        final Latencies latency = new Latencies();
        final List<BigAnswer> answers = new ArrayList<>();
        final CountDownLatch done;

        Run(int clients) {
            done = new CountDownLatch(clients);
        }
    }

    private static void send(HttpClient http, int port, String size, int i, boolean sampled, Run run) {
        long t0 = System.nanoTime();
        String body = new JsonObject().put("model", "test-pattern").put("prompt", "big answer " + i).put("size", size)
                .put("response_format", "b64_json").put("output_format", "png").encode();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI("/v1/images/generations").putHeader("content-type", "application/json")
                        .setIdleTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))
                .compose(req -> req.send(Buffer.buffer(body)))
                .onSuccess(resp -> {
                    BigAnswer answer = new BigAnswer(resp.statusCode(), sampled);
                    resp.handler(answer::chunk);
                    resp.exceptionHandler(e -> {
                        run.outcomes.failed(e);
                        run.done.countDown();
                    });
                    resp.endHandler(v -> {
                        if (answer.status() == 200) {
                            run.latency.recordNanos(System.nanoTime() - t0);
                            run.outcomes.add(answer.looksLikePngAnswer() ? "200" : "200 but not a base64 PNG answer");
                        } else {
                            run.outcomes.answered(answer.status(), answer.whole());
                        }
                        synchronized (run) {
                            run.answers.add(answer);
                        }
                        run.done.countDown();
                    });
                })
                .onFailure(e -> {
                    run.outcomes.failed(e);
                    run.done.countDown();
                });
    }

    private static void report(Run run, boolean all, double wallSeconds, ProcessPeaks beforeRun, ProcessPeaks peaks) {
        System.out.printf("%nfinished: %s after %.1f s%n", all ? "every client answered" : "TIMED OUT with clients waiting",
                wallSeconds);
        System.out.println("outcomes: " + run.outcomes.describe()
                + (all ? "" : ", no answer yet: " + (CLIENTS - run.outcomes.total())));
        System.out.println("latency of 200 answers (send to the last byte): " + run.latency.describe());
        List<BigAnswer> answers;
        synchronized (run) {
            answers = List.copyOf(run.answers);
        }
        long minLength = answers.stream().filter(a -> a.status() == 200).mapToLong(BigAnswer::length).min().orElse(0);
        long maxLength = answers.stream().filter(a -> a.status() == 200).mapToLong(BigAnswer::length).max().orElse(0);
        System.out.printf("200 answer sizes: %,d to %,d bytes%n", minLength, maxLength);
        int sampled = 0;
        int decoded = 0;
        for (BigAnswer answer : answers) {
            if (answer.status() != 200 || answer.whole() == null) {
                continue;
            }
            sampled++;
            String dims = dimensions(answer.whole());
            if (SIZE.equals(dims)) {
                decoded++;
            } else {
                System.out.println("a sampled answer did not decode to " + SIZE + ": " + dims);
            }
        }
        System.out.printf("decoded %d of %d sampled 200 answers (every %dth) to a %s PNG%n", decoded, sampled,
                DECODE_EVERY, SIZE);
        System.out.println("easel before the run (after warm-up): " + beforeRun.describe());
        System.out.println("easel: " + peaks.describe());
    }

    /** The first image's pixel size, decoded with ImageIO (not Easel's transcoder), or what went wrong. */
    private static String dimensions(Buffer body) {
        try {
            String b64 = new JsonObject(body).getJsonArray("data").getJsonObject(0).getString("b64_json");
            byte[] bytes = Base64.getDecoder().decode(b64);
            if (!"png".equals(Images.magic(bytes))) {
                return "not a PNG (" + Images.magic(bytes) + ")";
            }
            BufferedImage image = Images.decode(bytes);
            return image.getWidth() + "x" + image.getHeight();
        } catch (Exception e) {
            return "undecodable: " + e;
        }
    }
}

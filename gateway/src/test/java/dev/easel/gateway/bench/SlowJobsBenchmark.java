package dev.easel.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * B2, slow jobs: {@code bench.clients} (default 10,000) concurrent requests, all sent at once,
 * each one a fal queue job that completes {@code bench.jobSeconds} (default 10) after its
 * submit ({@link SlowFalQueueStub}), answered as {@code url} {@code jpeg} with
 * {@code EASEL_REHOST=when_needed}; Easel runs as its own process ({@link EaselProcess}).
 *
 * <p>Measured: outcomes by status and code (and how many non-200 answers came after the job
 * had been submitted upstream, i.e. paid work thrown away); latency from send to answer
 * against the job time; detection lag, the answer's arrival minus the job's completion at the
 * stub (and the same for the first status poll that saw COMPLETED); status polls per job;
 * Easel's peak RSS, threads and file descriptors.
 *
 * <p>Each client sends exactly one request; the run ends when all have answered or after
 * {@code bench.timeoutSeconds}. Run: {@code bench/b2-slow-jobs.sh} (see BENCHMARKS.md).
 */
public final class SlowJobsBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 10_000);
    private static final double JOB_SECONDS = Double.parseDouble(System.getProperty("bench.jobSeconds", "10"));
    private static final String HEAP = System.getProperty("bench.easelHeap", "1g");
    private static final int TIMEOUT_SECONDS = Integer.getInteger("bench.timeoutSeconds",
            (int) Math.ceil(JOB_SECONDS * 3) + 120);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    private static final String PROMPT = "slow job ";

    private SlowJobsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("B2 slow jobs: %d clients, %.1f s jobs, Easel -Xmx%s; %s; load average %s%n",
                CLIENTS, JOB_SECONDS, HEAP, Machine.describe(), Machine.loadAverage());
        Vertx stubVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx();
        try (SlowFalQueueStub stub = SlowFalQueueStub.start(stubVertx, Math.round(JOB_SECONDS * 1000));
             EaselProcess easel = EaselProcess.start(HEAP, Map.of(
                     "FAL_BASE_URL", stub.baseUrl(),
                     "FAL_KEY", SlowFalQueueStub.KEY,
                     "EASEL_REHOST", "when_needed",
                     "EASEL_MAX_IN_FLIGHT", Integer.toString(Math.max(10_000, CLIENTS)),
                     "EASEL_REQUEST_TIMEOUT", Integer.toString(TIMEOUT_SECONDS - 30)));
             ProcessSampler sampler = ProcessSampler.start(easel.pid())) {
            HttpClient http = clientVertx.createHttpClient(
                    new HttpClientOptions().setConnectTimeout(60_000),
                    new PoolOptions().setHttp1MaxSize(Math.max(CLIENTS, WARMUP)));
            // Class loading and the JIT of both JVMs, with jobs that complete at once.
            Run warmUp = new Run(WARMUP, stub.baseUrl());
            for (int i = 0; i < WARMUP; i++) {
                send(http, easel.port(), SlowFalQueueStub.WARM_UP + i, i, warmUp);
            }
            warmUp.done.await(120, TimeUnit.SECONDS);
            System.out.println("warm-up (not measured): " + warmUp.outcomes.describe());
            Run run = new Run(CLIENTS, stub.baseUrl());
            long start = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                send(http, easel.port(), PROMPT + i, i, run);
            }
            boolean all = run.done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            ProcessPeaks peaks = sampler.peaks();
            report(run, stub.jobs(), peaks, all, wallSeconds);
            System.out.println("load average at the end: " + Machine.loadAverage());
        } finally {
            clientVertx.close().await(30, TimeUnit.SECONDS);
            stubVertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** What the clients saw, indexed by client (its prompt carries the index to the stub). */
    private static final class Run {
        final long[] sentNanos;
        final long[] answeredNanos;
        final int[] status;
        final Outcomes outcomes = new Outcomes();
        final Latencies latency = new Latencies();
        final AtomicInteger passedThrough = new AtomicInteger();
        final AtomicInteger rehosted = new AtomicInteger();
        final CountDownLatch done;
        final String stubRoot;

        Run(int clients, String stubRoot) {
            this.stubRoot = stubRoot;
            sentNanos = new long[clients];
            answeredNanos = new long[clients];
            status = new int[clients];
            done = new CountDownLatch(clients);
        }
    }

    private static void send(HttpClient http, int port, String prompt, int i, Run run) {
        long t0 = System.nanoTime();
        synchronized (run) {
            run.sentNanos[i] = t0;
        }
        String body = new JsonObject().put("model", "fal/flux-schnell").put("prompt", prompt)
                .put("response_format", "url").put("output_format", "jpeg").encode();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI("/v1/images/generations").putHeader("content-type", "application/json")
                        .setIdleTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> Map.entry(resp.statusCode(), b)))
                .onComplete(ar -> {
                    long now = System.nanoTime();
                    if (ar.succeeded()) {
                        int code = ar.result().getKey();
                        synchronized (run) {
                            run.answeredNanos[i] = now;
                            run.status[i] = code;
                        }
                        run.outcomes.answered(code, ar.result().getValue());
                        if (code == 200) {
                            run.latency.recordNanos(now - t0);
                            countUrl(run, ar.result().getValue());
                        }
                    } else {
                        run.outcomes.failed(ar.cause());
                    }
                    run.done.countDown();
                });
    }

    /** Whether the answer passed the provider's URL through (when_needed) or stored a copy. */
    private static void countUrl(Run run, Buffer body) {
        JsonArray data = new JsonObject(body).getJsonArray("data");
        String url = data == null || data.isEmpty() ? "" : data.getJsonObject(0).getString("url", "");
        (url.startsWith(run.stubRoot + "/") ? run.passedThrough : run.rehosted).incrementAndGet();
    }

    private static void report(Run run, Collection<SlowFalJob> jobs, ProcessPeaks peaks, boolean all, double wallSeconds) {
        System.out.printf("%nfinished: %s after %.1f s%n", all ? "every client answered" : "TIMED OUT with clients waiting",
                wallSeconds);
        System.out.println("outcomes: " + run.outcomes.describe()
                + (all ? "" : ", no answer yet: " + (CLIENTS - run.outcomes.total())));
        System.out.printf("answer URLs: %d passed through from the provider, %d stored by Easel%n",
                run.passedThrough.get(), run.rehosted.get());
        System.out.println("latency of 200 answers (send to answer): " + run.latency.describe());
        System.out.printf("p50 minus the job time: %s%n", Latencies.format(run.latency.ms(50) - JOB_SECONDS * 1000));
        Latencies submitDelay = new Latencies();
        Latencies answerLag = new Latencies();
        Latencies pollLag = new Latencies();
        int measuredJobs = 0;
        long polls = 0;
        int maxPolls = 0;
        int resultReads = 0;
        int mediaReads = 0;
        int cancels = 0;
        int refusedAfterSubmit = 0;
        int notCompletedSeen = 0;
        synchronized (run) {
            for (SlowFalJob job : jobs) {
                int i = clientOf(job);
                if (i < 0) {
                    continue; // a warm-up job
                }
                measuredJobs++;
                submitDelay.recordNanos(job.submittedNanos() - run.sentNanos[i]);
                polls += job.statusPolls();
                maxPolls = Math.max(maxPolls, job.statusPolls());
                resultReads += job.resultReads();
                mediaReads += job.mediaReads();
                cancels += job.cancels();
                if (job.completedSeenNanos() > 0) {
                    pollLag.recordNanos(job.completedSeenNanos() - job.completesNanos());
                } else {
                    notCompletedSeen++;
                }
                if (run.status[i] == 200) {
                    answerLag.recordNanos(run.answeredNanos[i] - job.completesNanos());
                } else if (run.status[i] != 0) {
                    refusedAfterSubmit++;
                }
            }
        }
        System.out.printf("stub: %d jobs submitted for %d clients; status polls %d (per job mean %.1f, max %d);"
                        + " result reads %d; media reads %d; cancels %d; jobs never seen COMPLETED %d%n",
                measuredJobs, CLIENTS, polls, measuredJobs == 0 ? 0.0 : (double) polls / measuredJobs, maxPolls,
                resultReads, mediaReads, cancels, notCompletedSeen);
        System.out.println("non-200 answers to requests whose job was already submitted upstream: " + refusedAfterSubmit);
        System.out.printf("submit delay, the stub's receipt of the submit minus the client's send: p50 %s, p99 %s, max %s%n",
                Latencies.format(submitDelay.ms(50)), Latencies.format(submitDelay.ms(99)), Latencies.format(submitDelay.maxMs()));
        System.out.printf("detection lag, answer arrival minus job completion: p50 %s, p99 %s, max %s%n",
                Latencies.format(answerLag.ms(50)), Latencies.format(answerLag.ms(99)), Latencies.format(answerLag.maxMs()));
        System.out.printf("detection lag, first COMPLETED status poll minus job completion: p50 %s, p99 %s, max %s%n",
                Latencies.format(pollLag.ms(50)), Latencies.format(pollLag.ms(99)), Latencies.format(pollLag.maxMs()));
        System.out.println("easel: " + peaks.describe());
    }

    private static int clientOf(SlowFalJob job) {
        try {
            return job.prompt().startsWith(PROMPT) ? Integer.parseInt(job.prompt().substring(PROMPT.length())) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

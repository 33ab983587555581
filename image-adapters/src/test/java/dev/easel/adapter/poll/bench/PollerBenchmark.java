package dev.easel.adapter.poll.bench;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.PollSettings;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.poll.JobPoller;
import dev.easel.adapter.poll.PollStep;
import dev.easel.adapter.poll.PolledJob;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds many slow jobs at once through {@link JobPoller} against a stub job server over real
 * HTTP (one WebClient, loopback), and reports memory and timing. Not a test: run it by hand,
 * see image-adapters/POLLER-BENCHMARK.md. It ends by itself (hard stop after 5 minutes).
 *
 * <p>System properties: {@code jobs} (10000), {@code holdMinMs} (10000), {@code holdMaxMs}
 * (20000), {@code pollInitialMs} (250), {@code pollMaxMs} (1500), {@code pollMultiplier} (1.5).
 */
public final class PollerBenchmark {

    private static final long PROBE_MS = 50;

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("jobs", 10_000);
        long holdMin = Long.getLong("holdMinMs", 10_000);
        long holdMax = Long.getLong("holdMaxMs", 20_000);
        PollSettings settings = new PollSettings(Duration.ofMillis(Long.getLong("pollInitialMs", 250)),
                Duration.ofMillis(Long.getLong("pollMaxMs", 1_500)),
                Double.parseDouble(System.getProperty("pollMultiplier", "1.5")));
        Clock clock = Clock.systemUTC();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Vertx vertx = Vertx.vertx();
        // A daemon timer thread, not an event loop: it must fire even if the loops are stuck.
        java.util.Timer hardStop = new java.util.Timer("hard-stop", true);
        hardStop.schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                System.out.println("hard stop: the benchmark did not finish in 5 minutes");
                System.exit(2);
            }
        }, TimeUnit.MINUTES.toMillis(5));

        // The stub job server: a job is pending (202) until its ready time, then done (200).
        Map<Long, Long> readyAt = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    long now = System.currentTimeMillis();
                    if (req.path().equals("/jobs")) {
                        long id = ids.incrementAndGet();
                        long ready = now + holdMin + (holdMax > holdMin ? (id * 7919) % (holdMax - holdMin) : 0);
                        readyAt.put(id, ready);
                        req.response().setStatusCode(201).putHeader("content-type", "application/json")
                                .end(new JsonObject().put("id", id).toBuffer());
                        return;
                    }
                    long id = Long.parseLong(req.path().substring("/jobs/".length()));
                    Long ready = readyAt.get(id);
                    if (ready == null) {
                        req.response().setStatusCode(404).end();
                    } else if (now < ready) {
                        req.response().setStatusCode(202).putHeader("content-type", "application/json")
                                .end("{\"status\":\"PENDING\"}");
                    } else {
                        readyAt.remove(id);
                        req.response().setStatusCode(200).putHeader("content-type", "application/json")
                                .end(new JsonObject().put("status", "DONE").put("ready_at", ready).toBuffer());
                    }
                });
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + server.actualPort();
        ProviderConfig config = new ProviderConfig("bench", "bench", base, "k", List.of(), settings,
                Duration.ofMinutes(3), Map.of());
        WebClient client = UpstreamClients.create(vertx, config);
        JobPoller poller = new JobPoller(vertx, clock);

        // Event-loop lateness probes, one per event loop (Vert.x gives new contexts round-robin).
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        List<Long> steadyLateness = Collections.synchronizedList(new ArrayList<>());
        AtomicLong steadyFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong gcUntil = new AtomicLong();
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < loops; i++) {
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> {
                long[] last = {System.nanoTime()};
                vertx.setPeriodic(PROBE_MS, id -> {
                    long now = System.nanoTime();
                    long late = TimeUnit.NANOSECONDS.toMillis(now - last[0]) - PROBE_MS;
                    last[0] = now;
                    // Our own System.gc() calls stop the world: those samples say nothing about the loop.
                    if (System.currentTimeMillis() > gcUntil.get()) {
                        lateness.add(Math.max(0, late));
                        if (System.currentTimeMillis() > steadyFrom.get()) {
                            steadyLateness.add(Math.max(0, late));
                        }
                    }
                });
            });
        }
        AtomicInteger peakActive = new AtomicInteger();
        long sampler = vertx.setPeriodic(100, id -> peakActive.accumulateAndGet(poller.activeJobs(), Math::max));

        pause(vertx, 1_000);
        long baseline = usedAfterGc(vertx, memory, gcUntil);

        // Submit every job, then hand it to the poller.
        long start = System.currentTimeMillis();
        CountDownLatch submittedLatch = new CountDownLatch(jobs);
        CountDownLatch doneLatch = new CountDownLatch(jobs);
        List<Long> lagAfterReady = Collections.synchronizedList(new ArrayList<>(jobs));
        AtomicLong lastDone = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        Instant deadline = clock.instant().plus(Duration.ofMinutes(3));
        for (int i = 0; i < jobs; i++) {
            client.postAbs(base + "/jobs").send().onComplete(ar -> {
                submittedLatch.countDown();
                if (ar.failed() || ar.result().statusCode() != 201) {
                    failures.incrementAndGet();
                    doneLatch.countDown();
                    return;
                }
                long id = ar.result().bodyAsJsonObject().getLong("id");
                poller.run(new StubJob(client, base + "/jobs/" + id), settings, deadline, Promise.<Void>promise().future())
                        .onComplete(done -> {
                            long now = System.currentTimeMillis();
                            if (done.succeeded()) {
                                lagAfterReady.add(now - done.result());
                            } else {
                                failures.incrementAndGet();
                            }
                            lastDone.accumulateAndGet(now, Math::max);
                            doneLatch.countDown();
                        });
            });
        }
        submittedLatch.await(2, TimeUnit.MINUTES);
        long submitMs = System.currentTimeMillis() - start;
        int activeAtSubmit = poller.activeJobs();

        // Heap at the peak: every job submitted and none ready yet (holdMin after the first).
        long peakHeap = usedAfterGc(vertx, memory, gcUntil);
        int activeAtMeasure = poller.activeJobs();
        steadyFrom.set(System.currentTimeMillis() + 2 * PROBE_MS); // submit burst over: only polling now

        doneLatch.await(4, TimeUnit.MINUTES);
        long totalMs = lastDone.get() - start;
        vertx.cancelTimer(sampler);

        List<Long> lags = sorted(lagAfterReady);
        List<Long> late = sorted(lateness);
        List<Long> steady = sorted(steadyLateness);
        System.out.println("=== PollerBenchmark ===");
        System.out.printf("jvm: %s, max heap %d MiB, gc %s, cpus %d, event loops %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, gcNames(),
                Runtime.getRuntime().availableProcessors(), loops);
        System.out.printf("jobs %d, hold %d-%d ms, poll %s%n", jobs, holdMin, holdMax, settings);
        System.out.printf("time to submit all: %d ms (active jobs then: %d)%n", submitMs, activeAtSubmit);
        System.out.printf("peak active jobs: %d%n", Math.max(peakActive.get(), activeAtMeasure));
        System.out.printf("heap used after GC: baseline %.1f MiB, at peak %.1f MiB (%d active) -> %d bytes per job%n",
                baseline / 1048576.0, peakHeap / 1048576.0, activeAtMeasure,
                activeAtMeasure == 0 ? 0 : (peakHeap - baseline) / activeAtMeasure);
        System.out.printf("completion after ready (poll lag): min %d, p50 %d, p90 %d, p99 %d, max %d ms%n",
                pct(lags, 0), pct(lags, 50), pct(lags, 90), pct(lags, 99), pct(lags, 100));
        System.out.printf("all done %d ms after the first submit; failures %d; status checks %d%n",
                totalMs, failures.get(), poller.checksMade());
        System.out.printf("event-loop lateness (%d ms probe, %d samples): p50 %d, p99 %d, max %d ms%n",
                PROBE_MS, late.size(), pct(late, 50), pct(late, 99), pct(late, 100));
        System.out.printf("  of which while only polling (after the submit burst, %d samples): p50 %d, p99 %d, max %d ms%n",
                steady.size(), pct(steady, 50), pct(steady, 99), pct(steady, 100));
        System.out.printf("active jobs at the end: %d%n", poller.activeJobs());

        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        hardStop.cancel();
        System.exit(failures.get() == 0 && poller.activeJobs() == 0 ? 0 : 1);
    }

    /** A job on the stub server: 202 pending, 200 done with the time it became ready. */
    private record StubJob(WebClient client, String url) implements PolledJob<Long> {
        @Override
        public String provider() {
            return "bench";
        }

        @Override
        public Future<PollStep<Long>> check() {
            return client.getAbs(url).send().map(r -> {
                if (r.statusCode() == 202) {
                    return PollStep.<Long>pending();
                }
                if (r.statusCode() == 200) {
                    Buffer body = r.body();
                    return PollStep.completed(body.toJsonObject().getLong("ready_at"));
                }
                throw new ProviderException(ErrorKind.UNAVAILABLE, "bench", r.statusCode(), "stub answered " + r.statusCode());
            });
        }
    }

    private static long usedAfterGc(Vertx vertx, MemoryMXBean memory, AtomicLong gcUntil) throws Exception {
        gcUntil.set(Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            System.gc();
            pause(vertx, 100);
        }
        long used = memory.getHeapMemoryUsage().getUsed();
        gcUntil.set(System.currentTimeMillis() + 2 * PROBE_MS);
        return used;
    }

    /** Holds the main thread (never an event loop) for {@code ms} of real time: what is measured here is real time. */
    private static void pause(Vertx vertx, long ms) throws Exception {
        Promise<Void> elapsed = Promise.promise();
        vertx.setTimer(ms, id -> elapsed.complete());
        elapsed.future().toCompletionStage().toCompletableFuture().get(ms + 10_000, TimeUnit.MILLISECONDS);
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(b -> names.add(b.getName()));
        return String.join("/", names);
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}

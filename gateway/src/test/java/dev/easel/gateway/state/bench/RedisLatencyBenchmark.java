package dev.easel.gateway.state.bench;

import dev.easel.gateway.testing.RedisServerProcess;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What sharing state through Redis adds to each request: two gateways on this machine, one
 * with local state and one with {@code EASEL_REDIS_URL} (a real redis-server on 127.0.0.1),
 * both with a rate limit and a fresh {@code Idempotency-Key} on every request, so the Redis
 * one runs every per-request script (rate limit, claim, complete with the answer, health
 * record). Requests go to both at the same fixed rate, interleaved, so both see the same
 * machine load; latency is measured by a Vert.x client. Bounded: a fixed number of requests
 * and at most {@link #MAX_IN_FLIGHT} at once per gateway.
 *
 * <p>Also measures one round trip of the health-view script, the cost a per-pick Redis read
 * would add to every candidate of every request (the reason picks read a local view).
 *
 * <p>Run: see BENCHMARKS.md.
 */
public final class RedisLatencyBenchmark {

    private static final int RATE_PER_SECOND = Integer.getInteger("bench.rate", 20);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    private static final int MEASURED = Integer.getInteger("bench.requests", 600);
    private static final int MAX_IN_FLIGHT = 64;
    private static final String BODY =
            "{\"model\":\"test-pattern\",\"prompt\":\"latency\",\"size\":\"64x64\",\"response_format\":\"b64_json\"}";

    private RedisLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             RunningGateway local = RunningGateway.start(Map.of("EASEL_RATE_LIMIT_RPM", "1000000"));
             RunningGateway shared = RunningGateway.start(Map.of("EASEL_RATE_LIMIT_RPM", "1000000",
                     "EASEL_REDIS_URL", redis.url(), "EASEL_REDIS_PREFIX", "bench:"))) {
            Vertx vertx = Vertx.vertx();
            try {
                HttpClient http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
                System.out.printf("rate %d req/s to each gateway, %d warm-up + %d measured requests each%n",
                        RATE_PER_SECOND, WARMUP, MEASURED);
                List<Long> localMs = new ArrayList<>();
                List<Long> sharedMs = new ArrayList<>();
                run(vertx, http, local.gateway().port(), shared.gateway().port(), WARMUP, new ArrayList<>(), new ArrayList<>());
                run(vertx, http, local.gateway().port(), shared.gateway().port(), MEASURED, localMs, sharedMs);
                report("local state       ", localMs);
                report("Redis shared state", sharedMs);
                System.out.printf("added by Redis: p50 %+.2f ms, p99 %+.2f ms%n",
                        pct(sharedMs, 50) - pct(localMs, 50), pct(sharedMs, 99) - pct(localMs, 99));
                healthViewRoundTrip(vertx, redis.url());
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(Vertx vertx, HttpClient http, int localPort, int sharedPort, int count,
                            List<Long> localMs, List<Long> sharedMs) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(2 * count);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long periodNanos = 1_000_000_000L / RATE_PER_SECOND;
        long start = System.nanoTime();
        // One timer per tick at a fixed schedule (not "after the last answer"): an open-loop load.
        vertx.setPeriodic(1, Math.max(1, periodNanos / 1_000_000), id -> {
            long due = (System.nanoTime() - start) / periodNanos + 1;
            while (sent.get() < Math.min(due, count)) {
                sent.incrementAndGet();
                fire(http, localPort, localMs, failures, done);
                fire(http, sharedPort, sharedMs, failures, done);
            }
            if (sent.get() >= count) {
                vertx.cancelTimer(id);
            }
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the load loop did not finish");
        }
        if (failures.get() > 0) {
            System.out.printf("%d requests failed (not in the figures)%n", failures.get());
        }
    }

    private static void fire(HttpClient http, int port, List<Long> into, AtomicInteger failures, CountDownLatch done) {
        long t0 = System.nanoTime();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI("/v1/images/generations")
                        .putHeader("content-type", "application/json")
                        .putHeader("idempotency-key", UUID.randomUUID().toString()))
                .compose(req -> req.send(Buffer.buffer(BODY)))
                .compose(resp -> resp.statusCode() == 200 ? resp.body()
                        : Future.failedFuture("status " + resp.statusCode()))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        synchronized (into) {
                            into.add((System.nanoTime() - t0) / 1_000);
                        }
                    } else {
                        failures.incrementAndGet();
                    }
                    done.countDown();
                });
    }

    private static void healthViewRoundTrip(Vertx vertx, String url) throws Exception {
        Redis client = Redis.createClient(vertx, url);
        List<Long> us = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long t0 = System.nanoTime();
            client.send(Request.cmd(Command.HMGET).arg("bench:health:fal/flux-schnell").arg("open_until")
                    .arg("retry_after_until")).await(5, TimeUnit.SECONDS);
            us.add((System.nanoTime() - t0) / 1_000);
        }
        report("one Redis read (a per-pick health read)", us);
        client.close();
    }

    private static void report(String what, List<Long> micros) {
        System.out.printf("%s: n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", what, micros.size(), pct(micros, 50),
                pct(micros, 90), pct(micros, 99));
    }

    private static double pct(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
}

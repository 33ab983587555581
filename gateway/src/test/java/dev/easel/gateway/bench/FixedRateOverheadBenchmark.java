package dev.easel.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * B1 at fixed rates: what Easel adds to a request at a given load, measured open-loop
 * ({@link FixedRateLoad}, latency from each request's due time). One fast OpenAI-shaped stub
 * ({@link OpenAiImageStub}, one 64x64 PNG as {@code b64_json}) is called directly and through
 * Easel ({@code openai/gpt-image-1}, {@code b64_json}, png; Easel in its own process) at the
 * same rate in the same run, the two loads interleaved half a period apart so both see the
 * same machine. Reported per rate: p50/p90/p99/max of each, and the added latency (Easel minus
 * direct) at p50 and p99.
 *
 * <p>{@code bench.rate}: requests per second to each target, a comma-separated list run in
 * turn (default 1000); {@code bench.seconds} measured per rate (default 10) after
 * {@code bench.warmupSeconds} (default 5) at the same rate; {@code bench.maxInFlight} per
 * target (default 256). Run: {@code bench/b1-fixed-rate.sh} (see BENCHMARKS.md).
 */
public final class FixedRateOverheadBenchmark {

    private static final List<Double> RATES = Arrays.stream(System.getProperty("bench.rate", "1000").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 5);
    private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.maxInFlight", 256);
    private static final String HEAP = System.getProperty("bench.easelHeap", "1g");
    private static final int STUB_INSTANCES = Integer.getInteger("bench.stubInstances", 2);
    private static final String BODY = "{\"model\":\"%s\",\"prompt\":\"a lighthouse\",\"response_format\":\"b64_json\","
            + "\"output_format\":\"png\"}";

    private FixedRateOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("B1 fixed rate: %s req/s to each target, %d s measured after %d s warm-up, at most %d in flight"
                        + " per target, Easel -Xmx%s; %s; load average %s%n", RATES, SECONDS, WARMUP_SECONDS,
                MAX_IN_FLIGHT, HEAP, Machine.describe(), Machine.loadAverage());
        Vertx stubVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx();
        try (OpenAiImageStub stub = OpenAiImageStub.start(stubVertx, STUB_INSTANCES);
             EaselProcess easel = EaselProcess.start(HEAP, Map.of(
                     "OPENAI_BASE_URL", stub.baseUrl(),
                     "OPENAI_API_KEY", "sk-bench"));
             ProcessSampler sampler = ProcessSampler.start(easel.pid())) {
            FixedRateLoad.Target direct = new FixedRateLoad.Target("direct", stub.port(), "/v1/images/generations",
                    BODY.formatted("gpt-image-1"));
            FixedRateLoad.Target throughEasel = new FixedRateLoad.Target("easel", easel.port(),
                    "/v1/images/generations", BODY.formatted("openai/gpt-image-1"));
            HttpClient directClient = FixedRateLoad.client(clientVertx, MAX_IN_FLIGHT);
            HttpClient easelClient = FixedRateLoad.client(clientVertx, MAX_IN_FLIGHT);
            for (double rate : RATES) {
                run(clientVertx, directClient, easelClient, direct, throughEasel, rate, WARMUP_SECONDS);
                System.out.printf("%n== %.0f req/s to each target (load average %s)%n", rate, Machine.loadAverage());
                List<FixedRateLoad.Result> results =
                        run(clientVertx, directClient, easelClient, direct, throughEasel, rate, SECONDS);
                report(results.get(0), results.get(1));
            }
            System.out.println("easel: " + sampler.peaks().describe());
            System.out.println("load average at the end: " + Machine.loadAverage());
        } finally {
            clientVertx.close().await(30, TimeUnit.SECONDS);
            stubVertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** Both loads at {@code rate} for {@code seconds}, interleaved: Easel's requests fall half a period after direct's. */
    private static List<FixedRateLoad.Result> run(Vertx vertx, HttpClient directClient, HttpClient easelClient,
                                                  FixedRateLoad.Target direct, FixedRateLoad.Target throughEasel,
                                                  double rate, int seconds) throws Exception {
        int count = (int) Math.round(rate * seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long halfPeriod = Math.round(0.5e9 / rate);
        Future<FixedRateLoad.Result> d = FixedRateLoad.run(vertx, directClient, direct, rate, count, MAX_IN_FLIGHT, start);
        Future<FixedRateLoad.Result> e = FixedRateLoad.run(vertx, easelClient, throughEasel, rate, count, MAX_IN_FLIGHT,
                start + halfPeriod);
        Future.all(d, e).await(seconds + 120L, TimeUnit.SECONDS);
        return List.of(d.result(), e.result());
    }

    private static void report(FixedRateLoad.Result direct, FixedRateLoad.Result easel) {
        for (FixedRateLoad.Result r : List.of(direct, easel)) {
            System.out.printf("%-6s outcomes: %s%n", r.target().name(), r.outcomes().describe());
            System.out.printf("%-6s latency from due time: %s%n", r.target().name(), r.latency().describe());
            System.out.printf("%-6s client send lag (sent minus due): p50 %s, p99 %s; largest backlog %d%n",
                    r.target().name(), Latencies.format(r.sendLag().ms(50)), Latencies.format(r.sendLag().ms(99)),
                    r.maxBacklog());
        }
        System.out.printf("added by Easel: p50 %s, p99 %s%n",
                Latencies.format(easel.latency().ms(50) - direct.latency().ms(50)),
                Latencies.format(easel.latency().ms(99) - direct.latency().ms(99)));
    }
}

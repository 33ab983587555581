package dev.easel.gateway.metrics;

import dev.easel.gateway.routing.Attempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Request-level meters with Prometheus histogram buckets: answers by route, model, provider
 * and outcome; each upstream attempt; failovers; cost. Every tag value is bounded: models
 * and providers outside the catalog become {@code other}, outcomes are Easel's own codes.
 */
public final class RequestMeters {

    /** Image generation takes from 100 ms (a test pattern) to minutes (a queued job). */
    static final Duration[] BUCKETS = Stream.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0)
            .map(s -> Duration.ofMillis((long) (s * 1000))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Set<String> models;
    private final Set<String> providers;

    public RequestMeters(MeterRegistry registry, Set<String> models, Set<String> providers) {
        this.registry = registry;
        this.models = Set.copyOf(models);
        this.providers = Set.copyOf(providers);
    }

    /**
     * One answered request.
     *
     * @param route   {@code generations}, {@code edits}, {@code models}, {@code files}, {@code health} or {@code other}
     * @param outcome {@code ok}, or the error code of the answer
     */
    public void request(String route, String model, String provider, String outcome, long nanos) {
        Timer.builder("easel_request_seconds")
                .description("Answered requests by route, model, serving provider and outcome")
                .tag("route", route)
                .tag("model", bounded(model, models))
                .tag("provider", bounded(provider, providers))
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The upstream calls of one generation, succeeded or failed, and the failovers among them. */
    public void attempts(String model, List<Attempt> attempts, boolean succeeded) {
        int failed = 0;
        for (Attempt a : attempts) {
            Timer.builder("easel_provider_attempt_seconds")
                    .description("One upstream call, by provider and result")
                    .tag("provider", bounded(a.provider(), providers))
                    .tag("status", a.status())
                    .tag("code", a.code() == null ? "none" : a.code())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(a.latencyMs(), TimeUnit.MILLISECONDS);
            if ("failed".equals(a.status()) && !"abandoned".equals(a.code())) {
                failed++;
            }
        }
        // A failed call followed by another is a failover; a failed request's last failure is not.
        int failovers = succeeded ? failed : Math.max(0, failed - 1);
        if (failovers > 0) {
            Counter.builder("easel_failovers_total").description("Failed upstream calls that moved on to another route")
                    .tag("model", bounded(model, models)).register(registry).increment(failovers);
        }
    }

    public void cost(String model, String provider, BigDecimal usd) {
        Counter.builder("easel_cost_usd_total").description("Catalog price of delivered images, in USD")
                .tag("model", bounded(model, models))
                .tag("provider", bounded(provider, providers))
                .register(registry)
                .increment(usd.doubleValue());
    }

    private static String bounded(String value, Set<String> known) {
        if (value == null) {
            return "none";
        }
        return known.contains(value) ? value : "other";
    }
}

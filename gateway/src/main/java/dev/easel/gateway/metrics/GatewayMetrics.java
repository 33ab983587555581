package dev.easel.gateway.metrics;

import dev.easel.gateway.routing.Attempt;
import dev.easel.gateway.routing.ImageJobResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Prometheus metrics, instrumented with Micrometer directly (toolchain.md: the Vert.x
 * Micrometer module of a matching version is not available here). Tags are bounded: status
 * codes, provider ids and error codes from the catalog and the code, never user input.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmMeters jvm = new JvmMeters(registry);
    private final RequestMeters requests;

    public GatewayMetrics() {
        this(java.util.Set.of(), java.util.Set.of());
    }

    /** @param models, providers the catalog's ids: the only values model and provider tags take */
    public GatewayMetrics(java.util.Set<String> models, java.util.Set<String> providers) {
        this.requests = new RequestMeters(registry, models, providers);
    }

    public RequestMeters requests() {
        return requests;
    }

    public void request(int status, long startedNanos) {
        Timer.builder("easel_generation_requests")
                .description("POST /v1/images/generations answers by HTTP status")
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public void generation(ImageJobResult g) {
        for (Attempt a : g.attempts()) {
            Counter.builder("easel_provider_attempts_total")
                    .description("Upstream calls by provider and outcome")
                    .tag("provider", a.provider())
                    .tag("status", a.status())
                    .tag("code", a.code() == null ? "none" : a.code())
                    .register(registry)
                    .increment();
        }
        requests.attempts(g.route().modelId(), g.attempts(), true);
        requests.cost(g.route().modelId(), g.route().provider(), g.cost());
        Counter.builder("easel_images_total")
                .description("Images delivered, by the provider that served the request")
                .tag("provider", g.route().provider())
                .register(registry)
                .increment(g.images().size());
    }

    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Unhooks the JVM binders (tests start many gateways in one JVM). */
    public void close() {
        jvm.close();
        registry.close();
    }
}

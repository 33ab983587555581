package dev.easel.gateway.routing;

import dev.easel.adapter.Warning;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code ?dry_run=true}: what a request would do now, calling no provider.
 *
 * @param model          the canonical model id
 * @param pinned         a {@code provider/model} slug was asked for: one candidate, no failover
 * @param candidates     in the order a request would try them now (priority groups, a weighted
 *                       draw within a group, unavailable routes last)
 * @param estimatedCost  the first candidate's cost for {@code n} images
 * @param warnings       what the first candidate would warn about
 */
public record Plan(String model, boolean pinned, int n, List<Candidate> candidates, BigDecimal estimatedCost,
                   List<Warning> warnings) {

    public Plan {
        Objects.requireNonNull(model, "model");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(estimatedCost, "estimatedCost");
        warnings = List.copyOf(warnings);
    }

    /**
     * One route as it would be called.
     *
     * @param health         the circuit state; {@code available} false means last resort only
     * @param cooldownUntil  when an open circuit or a Retry-After ends, or null
     * @param sent           the size as the provider would be asked for it
     * @param expected       the size it is expected to deliver, or null if it does not say
     * @param calls          upstream calls for {@code n} images: {@code ceil(n / max_images)}
     * @param estimatedCost  price per image times {@code n}
     * @param warnings       size adjustments and dropped parameters on this route
     * @param configured     false when its provider has no key: planned, but a real request skips it
     */
    public record Candidate(String provider, String providerModel, String slug, int priority, int weight,
                            RouteHealth.State health, boolean available, Instant cooldownUntil,
                            UpstreamSize sent, Dim expected, int calls, BigDecimal estimatedCost,
                            List<Warning> warnings, boolean configured) {

        public Candidate {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(providerModel, "providerModel");
            Objects.requireNonNull(slug, "slug");
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(estimatedCost, "estimatedCost");
            warnings = List.copyOf(warnings);
        }
    }
}

package dev.easel.gateway.catalog;

import dev.easel.adapter.Capabilities;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One way to serve a model: a provider, the provider's model id, its place in the
 * failover order and what it accepts.
 *
 * @param modelId       the canonical Easel model id ({@code flux-schnell})
 * @param provider      the catalog provider id ({@code fal})
 * @param providerModel the provider's own id ({@code fal-ai/flux/schnell})
 * @param priority      lower groups are tried first
 * @param weight        share of traffic within a priority group
 * @param maxConcurrency calls in flight at once on this route across all replicas
 *                       ({@code max_concurrency}); 0: no limit
 */
public record Route(String modelId, String provider, String providerModel, int priority, int weight,
                    BigDecimal pricePerImage, Capabilities capabilities, int maxConcurrency) {

    /** A route with no concurrency limit. */
    public Route(String modelId, String provider, String providerModel, int priority, int weight,
                 BigDecimal pricePerImage, Capabilities capabilities) {
        this(modelId, provider, providerModel, priority, weight, pricePerImage, capabilities, 0);
    }

    public Route {
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("maxConcurrency must be >= 0");
        }
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(pricePerImage, "pricePerImage");
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** The pinned form, {@code provider/model}. */
    public String slug() {
        return provider + "/" + modelId;
    }
}

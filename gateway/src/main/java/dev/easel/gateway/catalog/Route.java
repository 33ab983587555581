package dev.easel.gateway.catalog;

import dev.easel.adapter.Capabilities;
import dev.easel.adapter.Operation;
import dev.easel.adapter.size.SizeStyle;
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
 * @param generates     whether it serves generations ({@code generate: false} for edit-only routes)
 * @param edit          what it takes when editing, or null when it does not edit
 * @param maxConcurrency calls in flight at once on this route across all replicas
 *                       ({@code max_concurrency}); 0: no limit
 */
public record Route(String modelId, String provider, String providerModel, int priority, int weight,
                    BigDecimal pricePerImage, Capabilities capabilities, boolean generates, EditSupport edit,
                    int maxConcurrency) {

    public Route {
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("maxConcurrency must be >= 0");
        }
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(pricePerImage, "pricePerImage");
        Objects.requireNonNull(capabilities, "capabilities");
        if (!generates && edit == null) {
            throw new IllegalArgumentException("a route that does not generate must edit");
        }
    }

    /** A route with no concurrency limit. */
    public Route(String modelId, String provider, String providerModel, int priority, int weight,
                 BigDecimal pricePerImage, Capabilities capabilities, boolean generates, EditSupport edit) {
        this(modelId, provider, providerModel, priority, weight, pricePerImage, capabilities, generates, edit, 0);
    }

    /** A generation-only route with no concurrency limit. */
    public Route(String modelId, String provider, String providerModel, int priority, int weight,
                 BigDecimal pricePerImage, Capabilities capabilities) {
        this(modelId, provider, providerModel, priority, weight, pricePerImage, capabilities, true, null, 0);
    }

    public boolean edits() {
        return edit != null;
    }

    /** How sizes are asked for in this operation: an edit block's own size style wins. */
    public SizeStyle sizeFor(Operation operation) {
        return operation == Operation.EDIT && edit != null && edit.size() != null ? edit.size() : capabilities.size();
    }

    /** The provider's model id for this operation: an edit block's {@code model} wins. */
    public String providerModelFor(Operation operation) {
        return operation == Operation.EDIT && edit != null && edit.model() != null ? edit.model() : providerModel;
    }

    /** The pinned form, {@code provider/model}. */
    public String slug() {
        return provider + "/" + modelId;
    }
}

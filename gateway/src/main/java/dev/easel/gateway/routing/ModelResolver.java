package dev.easel.gateway.routing;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.ModelEntry;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.catalog.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the request's {@code model} into candidate routes: a bare id gives every configured
 * route of the model, a {@code provider/model} slug gives that route alone.
 */
public final class ModelResolver {

    private final Catalog catalog;

    public ModelResolver(Catalog catalog) {
        this.catalog = catalog;
    }

    public Resolution resolve(String model) {
        int slash = model.indexOf('/');
        if (slash > 0 && !catalog.models().containsKey(model)) {
            String providerId = model.substring(0, slash);
            String modelId = model.substring(slash + 1);
            ModelEntry entry = catalog.models().get(modelId);
            Route pinned = entry == null ? null : entry.routes().stream()
                    .filter(r -> r.provider().equals(providerId)).findFirst().orElse(null);
            if (pinned == null) {
                throw ApiErrors.modelNotFound(notFoundMessage(model));
            }
            Provider provider = catalog.provider(providerId);
            if (!provider.configured()) {
                throw ApiErrors.invalid("model", "Provider '" + providerId + "' serves '" + modelId
                        + "' but is not configured: set " + (provider.keyVariable() == null
                        ? "its api_key in the catalog" : provider.keyVariable()) + " and restart Easel.");
            }
            return new Resolution(entry, List.of(pinned), true);
        }
        ModelEntry entry = catalog.model(model).orElseThrow(() -> ApiErrors.modelNotFound(notFoundMessage(model)));
        List<Route> configured = entry.routes().stream()
                .filter(r -> catalog.provider(r.provider()).configured())
                .toList();
        if (configured.isEmpty()) {
            List<String> vars = entry.routes().stream()
                    .map(r -> catalog.provider(r.provider()).keyVariable())
                    .filter(v -> v != null).distinct().toList();
            throw ApiErrors.providerNotConfigured("No provider of '" + model + "' is configured: set one of " + vars + ".");
        }
        return new Resolution(entry, configured, false);
    }

    private String notFoundMessage(String model) {
        List<String> ids = new ArrayList<>();
        for (ModelEntry e : catalog.allModels()) {
            ids.add(e.id());
            e.routes().forEach(r -> ids.add(r.slug()));
        }
        List<String> closest = ids.stream()
                .sorted(Comparator.comparingInt((String id) -> EditDistance.between(model, id)).thenComparing(id -> id))
                .limit(3)
                .toList();
        return "The model '" + model + "' does not exist. Did you mean " + String.join(", ", closest)
                + "? GET /v1/models lists every model.";
    }

    /** The model and its candidate routes, in catalog order; {@code pinned} disables failover. */
    public record Resolution(ModelEntry model, List<Route> routes, boolean pinned) {
    }
}

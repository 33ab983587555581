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

    /** Longest part of an unknown model name compared with catalog ids (and quoted back). */
    static final int SUGGEST_PREFIX = 64;

    private final Catalog catalog;
    private final List<String> suggestable;

    public ModelResolver(Catalog catalog) {
        this.catalog = catalog;
        List<String> ids = new ArrayList<>();
        for (ModelEntry e : catalog.allModels()) {
            ids.add(e.id());
            e.routes().forEach(r -> ids.add(r.slug()));
        }
        this.suggestable = List.copyOf(ids);
    }

    public Resolution resolve(String model) {
        return resolve(model, false);
    }

    /**
     * @param planning a dry run: routes whose provider has no key are kept (planning calls no
     *                 provider), so an operator can check a catalog before adding keys
     */
    public Resolution resolve(String model, boolean planning) {
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
            if (!provider.configured() && !planning) {
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
        if (planning) {
            return new Resolution(entry, entry.routes(), false);
        }
        if (configured.isEmpty()) {
            List<String> vars = entry.routes().stream()
                    .map(r -> catalog.provider(r.provider()).keyVariable())
                    .filter(v -> v != null).distinct().toList();
            throw ApiErrors.providerNotConfigured("No provider of '" + model + "' is configured: set one of " + vars + ".");
        }
        return new Resolution(entry, configured, false);
    }

    /**
     * "Did you mean": each catalog id's distance is computed once, against at most
     * {@link #SUGGEST_PREFIX} characters of the request, so the cost is bounded by the catalog,
     * not by what a caller sends (the parser caps {@code model} too; this holds for any caller).
     */
    private String notFoundMessage(String model) {
        String probe = model.length() > SUGGEST_PREFIX ? model.substring(0, SUGGEST_PREFIX) : model;
        List<Scored> scored = new ArrayList<>();
        for (String id : suggestable) {
            scored.add(new Scored(id, EditDistance.between(probe, id)));
        }
        List<String> closest = scored.stream()
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id))
                .limit(3)
                .map(Scored::id)
                .toList();
        String shown = model.length() > SUGGEST_PREFIX ? probe + "..." : model;
        return "The model '" + shown + "' does not exist. Did you mean " + String.join(", ", closest)
                + "? GET /v1/models lists every model.";
    }

    private record Scored(String id, int distance) {
    }

    /** The model and its candidate routes, in catalog order; {@code pinned} disables failover. */
    public record Resolution(ModelEntry model, List<Route> routes, boolean pinned) {
    }
}

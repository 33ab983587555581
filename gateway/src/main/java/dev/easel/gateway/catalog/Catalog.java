package dev.easel.gateway.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The validated routing table: providers and models, both keyed by id, in file order. */
public record Catalog(String defaultModel, Map<String, Provider> providers, Map<String, ModelEntry> models) {

    public Catalog {
        Objects.requireNonNull(defaultModel, "defaultModel");
        providers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
        models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    }

    public Optional<ModelEntry> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Provider provider(String id) {
        Provider p = providers.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no provider '" + id + "'");
        }
        return p;
    }

    public Collection<ModelEntry> allModels() {
        return models.values();
    }
}

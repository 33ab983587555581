package dev.easel.gateway.catalog;

import java.util.List;
import java.util.Objects;

/** A canonical model id with every route that serves it, in catalog order. */
public record ModelEntry(String id, String description, List<Route> routes) {

    public ModelEntry {
        Objects.requireNonNull(id, "id");
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("model '" + id + "' has no routes");
        }
    }
}

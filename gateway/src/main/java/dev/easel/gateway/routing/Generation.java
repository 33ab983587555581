package dev.easel.gateway.routing;

import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.pipeline.ProcessedImage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A successful generation: exactly {@code n} images in order, and what it took.
 *
 * @param route         the route that served the first image (metadata.provider)
 * @param normalization the size decision for that route
 * @param cost          the price of every delivered image on the route that made it
 */
public record Generation(Route route, List<ProcessedImage> images, NormalizedSize normalization,
                         List<Attempt> attempts, List<Warning> warnings, BigDecimal cost,
                         Map<String, Object> usage) {

    public Generation {
        Objects.requireNonNull(route, "route");
        images = List.copyOf(images);
        Objects.requireNonNull(normalization, "normalization");
        attempts = List.copyOf(attempts);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(cost, "cost");
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }
}

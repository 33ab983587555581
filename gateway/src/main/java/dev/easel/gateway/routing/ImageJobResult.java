package dev.easel.gateway.routing;

import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.MaskReport;
import dev.easel.gateway.job.ProcessedImage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A successful image job: exactly {@code n} images in order, and what it took.
 *
 * @param route         the route that served the first image (metadata.provider, provider_model);
 *                      when parts of {@code n} failed over, later images may come from other routes
 * @param normalization the size decision for that route
 * @param attempts      every upstream call, in the order the calls started, failed ones included
 * @param warnings      size, dropped-parameter and adapter warnings of the routes that delivered,
 *                      de-duplicated, in order
 * @param cost          the sum over delivered images of the price of the route that made each one
 * @param usage         the providers' token usage summed over the calls that delivered, or empty
 * @param mask          what became of an edit's mask on {@code route}, or null without one
 */
public record ImageJobResult(Route route, List<ProcessedImage> images, NormalizedSize normalization,
                         List<Attempt> attempts, List<Warning> warnings, BigDecimal cost,
                         Map<String, Object> usage, MaskReport mask) {

    /** A result with no mask (generations). */
    public ImageJobResult(Route route, List<ProcessedImage> images, NormalizedSize normalization,
                          List<Attempt> attempts, List<Warning> warnings, BigDecimal cost,
                          Map<String, Object> usage) {
        this(route, images, normalization, attempts, warnings, cost, usage, null);
    }

    public ImageJobResult {
        Objects.requireNonNull(route, "route");
        images = List.copyOf(images);
        Objects.requireNonNull(normalization, "normalization");
        attempts = List.copyOf(attempts);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(cost, "cost");
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }
}

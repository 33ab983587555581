package dev.easel.adapter;

import dev.easel.adapter.size.SizeStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one route (provider + model) accepts, declared in the catalog before any call and
 * served by {@code GET /v1/models/{id}}.
 *
 * @param size             how sizes are asked for
 * @param maxImagesPerCall the gateway splits larger {@code n} into parallel calls
 * @param outputFormats    formats the provider can produce natively (the first is what it
 *                         produces when not asked); others are transcoded by the gateway
 * @param parameters       optional OpenAI fields the route honours (a subset of what its
 *                         adapter honours, checked when the catalog loads); any other one is
 *                         dropped with a warning before the adapter sees it
 */
public record Capabilities(SizeStyle size, int maxImagesPerCall, List<String> outputFormats,
                           Set<OptionalParam> parameters) {

    /**
     * The formats Easel delivers, by their API names. Adapters speak these names because
     * their providers' APIs do too, and they never decode images, so the adapter SPI needs no
     * dependency on {@code media-transcode}; the gateway maps them to its {@code ImageFormat}
     * at the boundary (catalog loading and building each call).
     */
    public static final List<String> OUTPUT_FORMATS = List.of("png", "jpeg", "webp");

    public Capabilities {
        Objects.requireNonNull(size, "size");
        if (maxImagesPerCall < 1) {
            throw new IllegalArgumentException("max_images must be >= 1");
        }
        outputFormats = outputFormats == null || outputFormats.isEmpty() ? List.of("png") : List.copyOf(outputFormats);
        for (String f : outputFormats) {
            if (!OUTPUT_FORMATS.contains(f)) {
                throw new IllegalArgumentException("unknown output format '" + f + "', expected one of " + OUTPUT_FORMATS);
            }
        }
        parameters = parameters == null || parameters.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parameters));
    }

    public boolean supports(OptionalParam parameter) {
        return parameters.contains(parameter);
    }
}

package dev.easel.adapter;

import dev.easel.adapter.size.SizeStyle;
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
 * @param parameters       optional OpenAI fields the route honours ({@code quality},
 *                         {@code style}, {@code background}, {@code moderation}, {@code user},
 *                         {@code seed}, {@code negative_prompt}, {@code output_compression});
 *                         any other one is dropped with a warning before the adapter sees it
 */
public record Capabilities(SizeStyle size, int maxImagesPerCall, List<String> outputFormats, Set<String> parameters) {

    public static final Set<String> OPTIONAL_PARAMETERS = Set.of(
            "quality", "style", "background", "moderation", "user", "seed", "negative_prompt",
            "output_compression");

    public Capabilities {
        Objects.requireNonNull(size, "size");
        if (maxImagesPerCall < 1) {
            throw new IllegalArgumentException("max_images must be >= 1");
        }
        outputFormats = outputFormats == null || outputFormats.isEmpty() ? List.of("png") : List.copyOf(outputFormats);
        parameters = parameters == null ? Set.of() : Set.copyOf(parameters);
        for (String p : parameters) {
            if (!OPTIONAL_PARAMETERS.contains(p)) {
                throw new IllegalArgumentException("unknown parameter '" + p + "', expected one of " + OPTIONAL_PARAMETERS);
            }
        }
    }

    public boolean supports(String parameter) {
        return parameters.contains(parameter);
    }
}

package dev.easel.adapter;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one upstream call produced.
 *
 * @param images    in the provider's order; never empty (an empty answer is a
 *                  {@link ErrorKind#NO_IMAGE} failure instead)
 * @param warnings  things the adapter could not honour exactly
 * @param usage     the provider's token usage in OpenAI's shape, or empty
 * @param metadata  safe provider facts worth reporting (seed, upstream request id)
 */
public record AdapterResult(
        List<GeneratedImage> images,
        List<Warning> warnings,
        Map<String, Object> usage,
        Map<String, Object> metadata) {

    public AdapterResult {
        images = List.copyOf(Objects.requireNonNull(images, "images"));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static AdapterResult of(List<GeneratedImage> images) {
        return new AdapterResult(images, List.of(), Map.of(), Map.of());
    }
}

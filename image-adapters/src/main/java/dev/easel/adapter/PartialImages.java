package dev.easel.adapter;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a streaming caller asked for in previews, and where an adapter that can produce them
 * hands them ({@link ImageAdapter#streamsPartials}). Adapters that cannot stream ignore it.
 * The sink may be called from any thread and must not block.
 *
 * @param count how many previews per image the caller asked for, 0 to 3 (OpenAI's
 *              {@code partial_images}); fewer is legal, more is not
 */
public record PartialImages(int count, Consumer<PartialImage> sink) {

    /** No previews wanted: the default for every request that does not stream. */
    public static final PartialImages NONE = new PartialImages(0, p -> { });

    public static final int MAX = 3;

    public PartialImages {
        Objects.requireNonNull(sink, "sink");
        if (count < 0 || count > MAX) {
            throw new IllegalArgumentException("count must be within 0.." + MAX);
        }
    }

    public boolean wanted() {
        return count > 0;
    }
}

package dev.easel.adapter.size;

import java.util.Objects;

/** The size as the provider will be asked for it; each adapter writes it in its own fields. */
public sealed interface UpstreamSize {

    /** Send nothing: the provider picks its default. */
    record ProviderDefault() implements UpstreamSize {
        @Override
        public String toString() {
            return "auto";
        }
    }

    /** Exact pixel dimensions (OpenAI {@code size}, BFL {@code width/height}, fal custom size). */
    record Pixels(Dim dims) implements UpstreamSize {
        public Pixels {
            Objects.requireNonNull(dims, "dims");
        }

        @Override
        public String toString() {
            return dims.toString();
        }
    }

    /** A named preset such as fal's {@code landscape_16_9}. */
    record Preset(String name, Dim dims) implements UpstreamSize {
        public Preset {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An aspect ratio string (as the provider spells it) with an optional tier value
     * (Gemini {@code imageSize} {@code 2K}, Replicate {@code megapixels} {@code 0.25}).
     */
    record Ratio(String ratio, String tier) implements UpstreamSize {
        public Ratio {
            Objects.requireNonNull(ratio, "ratio");
        }

        @Override
        public String toString() {
            return tier == null ? ratio : ratio + "@" + tier;
        }
    }
}

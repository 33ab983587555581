package dev.easel.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The optional OpenAI parameters of one request, each null when absent. A route honours a
 * subset ({@link Capabilities#parameters()}); the gateway drops the others (with a warning)
 * through {@link #retain} before an adapter sees them.
 */
public record OptionalParams(Integer outputCompression, String quality, String style, String background,
                             String moderation, String user, Long seed, String negativePrompt) {

    public static final OptionalParams NONE = new OptionalParams(null, null, null, null, null, null, null, null);

    private static final List<String> NAMES = List.of("output_compression", "quality", "style", "background",
            "moderation", "user", "seed", "negative_prompt");

    /** The wire names ({@code negative_prompt}, ...) of the parameters that are set, in declaration order. */
    public List<String> present() {
        List<String> out = new ArrayList<>();
        for (String name : NAMES) {
            if (value(name) != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** A copy with every parameter whose wire name {@code keep} refuses set to null. */
    public OptionalParams retain(Predicate<String> keep) {
        return new OptionalParams(
                keep.test("output_compression") ? outputCompression : null,
                keep.test("quality") ? quality : null,
                keep.test("style") ? style : null,
                keep.test("background") ? background : null,
                keep.test("moderation") ? moderation : null,
                keep.test("user") ? user : null,
                keep.test("seed") ? seed : null,
                keep.test("negative_prompt") ? negativePrompt : null);
    }

    private Object value(String name) {
        return switch (name) {
            case "output_compression" -> outputCompression;
            case "quality" -> quality;
            case "style" -> style;
            case "background" -> background;
            case "moderation" -> moderation;
            case "user" -> user;
            case "seed" -> seed;
            case "negative_prompt" -> negativePrompt;
            default -> throw new IllegalArgumentException("unknown parameter " + name);
        };
    }
}

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
                             String moderation, String user, Long seed, String negativePrompt,
                             String inputFidelity) {

    public static final OptionalParams NONE = new OptionalParams(null, null, null, null, null, null, null, null, null);

    /** The parameters of a generation, which has no input fidelity. */
    public OptionalParams(Integer outputCompression, String quality, String style, String background,
                          String moderation, String user, Long seed, String negativePrompt) {
        this(outputCompression, quality, style, background, moderation, user, seed, negativePrompt, null);
    }

    /** The parameters that are set, in {@link OptionalParam} order. */
    public List<OptionalParam> present() {
        List<OptionalParam> out = new ArrayList<>();
        for (OptionalParam p : OptionalParam.values()) {
            if (value(p) != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** A copy with every parameter {@code keep} refuses set to null. */
    public OptionalParams retain(Predicate<OptionalParam> keep) {
        return new OptionalParams(
                keep.test(OptionalParam.OUTPUT_COMPRESSION) ? outputCompression : null,
                keep.test(OptionalParam.QUALITY) ? quality : null,
                keep.test(OptionalParam.STYLE) ? style : null,
                keep.test(OptionalParam.BACKGROUND) ? background : null,
                keep.test(OptionalParam.MODERATION) ? moderation : null,
                keep.test(OptionalParam.USER) ? user : null,
                keep.test(OptionalParam.SEED) ? seed : null,
                keep.test(OptionalParam.NEGATIVE_PROMPT) ? negativePrompt : null,
                keep.test(OptionalParam.INPUT_FIDELITY) ? inputFidelity : null);
    }

    /** The value of one parameter, or null when absent. */
    public Object value(OptionalParam param) {
        return switch (param) {
            case OUTPUT_COMPRESSION -> outputCompression;
            case QUALITY -> quality;
            case STYLE -> style;
            case BACKGROUND -> background;
            case MODERATION -> moderation;
            case USER -> user;
            case SEED -> seed;
            case NEGATIVE_PROMPT -> negativePrompt;
            case INPUT_FIDELITY -> inputFidelity;
        };
    }
}

package dev.easel.adapter;

import java.util.Arrays;
import java.util.Optional;

/**
 * The optional OpenAI request parameters, one vocabulary for the API parser, the catalog's
 * {@code params:}, the gateway's dropping of unhonoured ones and each adapter's honoured set
 * ({@link ImageAdapterFactory#honouredParams()}). Declaration order is the order warnings
 * about dropped parameters are reported in.
 */
public enum OptionalParam {
    QUALITY("quality"),
    STYLE("style"),
    BACKGROUND("background"),
    MODERATION("moderation"),
    USER("user"),
    SEED("seed"),
    NEGATIVE_PROMPT("negative_prompt"),
    OUTPUT_COMPRESSION("output_compression"),
    /** Edits only: how closely the output follows the input images' details (OpenAI's {@code high|low}). */
    INPUT_FIDELITY("input_fidelity");

    private final String wireName;

    OptionalParam(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API, the catalog and warnings, e.g. {@code negative_prompt}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<OptionalParam> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}

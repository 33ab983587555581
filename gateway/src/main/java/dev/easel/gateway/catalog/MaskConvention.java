package dev.easel.gateway.catalog;

import java.util.Locale;

/** How a route reads an edit mask (DESIGN "Edits"). */
public enum MaskConvention {
    /** Transparent pixels (alpha 0) are edited: OpenAI. */
    ALPHA,
    /** White is edited, black kept: BFL and fal fill, Stability inpaint. */
    LUMINANCE,
    /** The route takes no mask. */
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MaskConvention fromWireName(String name) {
        for (MaskConvention m : values()) {
            if (m.wireName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of alpha, luminance, none");
    }
}

package dev.easel.adapter.size;

/**
 * Easel's resolution tiers, defined by area: tier {@code N K} is the area of an
 * {@code N*1024} square, whatever the aspect ratio (1K = 1024x1024 = 1.05 MP, so 1K at 16:9
 * is about 1365x768). This matches Gemini's 1K/2K/4K and the megapixel tiers of FLUX.
 */
public enum Resolution {
    HALF_K("0.5K", 512),
    ONE_K("1K", 1024),
    TWO_K("2K", 2048),
    FOUR_K("4K", 4096);

    private final String label;
    private final int squareEdge;

    Resolution(String label, int squareEdge) {
        this.label = label;
        this.squareEdge = squareEdge;
    }

    public String label() {
        return label;
    }

    /** Target area in pixels. */
    public long pixels() {
        return (long) squareEdge * squareEdge;
    }

    public double megapixels() {
        return pixels() / 1_000_000.0;
    }

    /** Parses {@code 0.5K|1K|2K|4K} (case-insensitive); null for anything else. */
    public static Resolution fromLabel(String text) {
        for (Resolution r : values()) {
            if (r.label.equalsIgnoreCase(text)) {
                return r;
            }
        }
        return null;
    }
}

package dev.easel.adapter.size;

/**
 * No size the route accepts comes close to what was asked, or the route's size style admits
 * no size at all. Rare by design: out-of-range requests are clamped, not refused. The
 * gateway maps it to a 400 naming {@link #param()}.
 */
public final class UnsupportedSizeException extends IllegalArgumentException {

    private final String param;

    public UnsupportedSizeException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The request field concerned: {@code size}, {@code aspect_ratio} or {@code resolution}. */
    public String param() {
        return param;
    }
}

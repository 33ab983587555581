package dev.easel.adapter.size;

/**
 * What the user asked for, after the API's precedence rules: an exact {@code WxH} from
 * {@code size} wins over {@code aspect_ratio} and {@code resolution}; a {@code W:H} in
 * {@code size} is the same as {@code aspect_ratio}. Null components mean "no preference";
 * all null is {@code auto} (the provider's default).
 */
public record RequestedSize(Dim pixels, AspectRatio ratio, Resolution resolution) {

    public static final RequestedSize AUTO = new RequestedSize(null, null, null);

    public boolean isAuto() {
        return pixels == null && ratio == null && resolution == null;
    }

    /** The requested ratio, from pixels or ratio, or NaN if none was given. */
    public double ratioValue() {
        if (pixels != null) {
            return pixels.ratio();
        }
        return ratio != null ? ratio.value() : Double.NaN;
    }
}

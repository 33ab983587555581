package dev.easel.adapter.compat;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The wire details OpenAI-compatible upstreams disagree on, read from the provider's
 * catalog {@code options:}. Defaults speak OpenAI's own dialect.
 *
 * @param responseFormatValue what to send as {@code response_format} to get base64
 *                            ({@code b64_json}; Together says {@code base64}); null omits it
 * @param sizeFields          how pixel sizes are written
 * @param aspectRatioField    whether ratio sizes go out as {@code aspect_ratio} (+ tier as
 *                            {@code resolution}), as xAI takes them
 * @param outputFormatField   whether the upstream takes OpenAI's {@code output_format}
 */
record OpenAiCompatibleOptions(String responseFormatValue, SizeFields sizeFields, boolean aspectRatioField,
                     boolean outputFormatField) {

    enum SizeFields {
        /** {@code "size": "1024x768"} (OpenAI, Recraft). */
        SIZE,
        /** {@code "width": 1024, "height": 768} (Together). */
        WIDTH_HEIGHT
    }

    static final OpenAiCompatibleOptions DEFAULTS = new OpenAiCompatibleOptions("b64_json", SizeFields.SIZE, false, false);

    OpenAiCompatibleOptions {
        Objects.requireNonNull(sizeFields, "sizeFields");
    }

    /** Fails with a message naming the option, so a wrong catalog stops the start. */
    static OpenAiCompatibleOptions from(Map<String, Object> options) {
        Object format = options.getOrDefault("response_format_value", DEFAULTS.responseFormatValue);
        String responseFormat = format == null || "none".equals(format) || "".equals(format) ? null : format.toString();
        Object fields = options.getOrDefault("size_fields", "size");
        SizeFields sizeFields = switch (String.valueOf(fields).toLowerCase(Locale.ROOT)) {
            case "size" -> SizeFields.SIZE;
            case "width_height" -> SizeFields.WIDTH_HEIGHT;
            default -> throw new IllegalArgumentException(
                    "options.size_fields must be 'size' or 'width_height', got '" + fields + "'");
        };
        return new OpenAiCompatibleOptions(responseFormat, sizeFields, flag(options, "aspect_ratio_field"),
                flag(options, "output_format_field"));
    }

    private static boolean flag(Map<String, Object> options, String key) {
        Object value = options.get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        String text = value.toString().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("options." + key + " must be true or false, got '" + value + "'");
        }
        return text.equals("true");
    }
}

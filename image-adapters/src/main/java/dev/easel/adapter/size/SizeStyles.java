package dev.easel.adapter.size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes {@link SizeStyle} in the catalog's shape: a map with a {@code style}
 * discriminator and snake_case keys. The records carry their own naming, so the gateway's
 * own mapper works too ({@code mapper.convertValue(map, SizeStyle.class)}); this class is
 * the shared default, strict about unknown keys so that a catalog typo stops the start.
 */
public final class SizeStyles {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private SizeStyles() {
    }

    /** Applies the catalog conventions to a mapper (snake_case, no nulls, unknown keys fail) and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return Objects.requireNonNull(mapper, "mapper")
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * A catalog {@code size:} block to a style.
     *
     * @throws IllegalArgumentException naming the problem (unknown style, missing or bad key)
     */
    public static SizeStyle fromMap(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        return MAPPER.convertValue(map, SizeStyle.class);
    }

    /** A style to the map written in the catalog and served by {@code GET /v1/models/{id}}. */
    public static Map<String, Object> toMap(SizeStyle style) {
        Objects.requireNonNull(style, "style");
        return MAPPER.convertValue(style, MAP);
    }
}

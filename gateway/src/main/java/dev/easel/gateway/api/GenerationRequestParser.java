package dev.easel.gateway.api;

import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.size.AspectRatio;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.adapter.size.Resolution;
import dev.easel.gateway.job.ImageJob;
import dev.easel.media.ImageFormat;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a {@code POST /v1/images/generations} body into a generate {@link ImageJob}.
 * Each bad field is a 400 {@code invalid_request} naming it in {@code param}. Unknown
 * fields are ignored, as OpenAI SDKs may send fields Easel has no use for.
 */
public final class GenerationRequestParser {

    /** Sizes outside this range per side are refused; no provider makes them. */
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 8192;
    /** Ratios beyond 1:16 or 16:1 are refused; the widest any provider offers is 8:1. */
    private static final double MAX_RATIO = 16.0;
    /** Lengths in code points, checked before any other work on the field. */
    private static final int MAX_PROMPT = 32_000;
    private static final int MAX_MODEL = 256;
    private static final int MAX_USER = 256;
    /** Sizes, ratios and enum values: the longest valid one is a dozen characters. */
    private static final int MAX_SHORT = 64;

    private static final List<String> QUALITIES = List.of("auto", "low", "medium", "high", "hd", "standard");
    private static final List<String> STYLES = List.of("vivid", "natural");
    private static final List<String> BACKGROUNDS = List.of("auto", "transparent", "opaque");
    private static final List<String> MODERATIONS = List.of("auto", "low");
    private static final List<String> OUTPUT_FORMATS =
            Arrays.stream(ImageFormat.values()).map(ImageFormat::extension).toList();

    private final String defaultModel;

    public GenerationRequestParser(String defaultModel) {
        this.defaultModel = defaultModel;
    }

    public ImageJob parse(JsonObject body) {
        String prompt = text(body, "prompt", MAX_PROMPT);
        if (prompt == null || !TextField.hasVisibleText(prompt)) {
            throw ApiErrors.invalid("prompt", "'prompt' is required and must contain visible text.");
        }
        String model = string(body, "model", MAX_MODEL);
        if (model == null || model.isBlank()) {
            model = defaultModel;
        }
        int n = (int) integer(body, "n", 1, 10, 1);
        // How the answer is written (one JSON or an event stream) is read by the handler; checked here
        // so that every bad field is answered in the same place.
        StreamOptions.of(body);

        RequestedSize size = size(body);
        String sizeMode = oneOf(body, "size_mode", List.of("native", "exact"), "native");
        boolean exact = "exact".equals(sizeMode);
        if (exact && size.pixels() == null) {
            throw ApiErrors.invalid("size_mode", "'size_mode' exact needs 'size' as WIDTHxHEIGHT, e.g. 1536x1024.");
        }
        String responseFormat = oneOf(body, "response_format", List.of("url", "b64_json"), null);
        ImageFormat outputFormat = outputFormat(body);
        Integer compression = body.containsKey("output_compression") && body.getValue("output_compression") != null
                ? (int) integer(body, "output_compression", 0, 100, 0) : null;
        String background = oneOf(body, "background", BACKGROUNDS, null);
        if ("transparent".equals(background) && outputFormat == ImageFormat.JPEG) {
            throw ApiErrors.invalid("background", "'background' transparent needs output_format png or webp; jpeg has no alpha.");
        }
        String user = string(body, "user", MAX_USER);
        Long seed = body.containsKey("seed") && body.getValue("seed") != null
                ? integer(body, "seed", 0, 4_294_967_295L, 0) : null;
        String negative = text(body, "negative_prompt", MAX_PROMPT);

        OptionalParams params = new OptionalParams(compression,
                oneOf(body, "quality", QUALITIES, null),
                oneOf(body, "style", STYLES, null),
                background,
                oneOf(body, "moderation", MODERATIONS, null),
                user, seed, negative);
        return ImageJob.generate(prompt, model, n, size, exact,
                responseFormat == null ? ImageJob.ResponseFormat.BOTH
                        : "b64_json".equals(responseFormat) ? ImageJob.ResponseFormat.B64_JSON
                        : ImageJob.ResponseFormat.URL,
                outputFormat, params, providerOptions(body));
    }

    /** {@code output_format} by its exact API name (or the common "jpg"); png when absent. */
    private static ImageFormat outputFormat(JsonObject body) {
        String name = string(body, "output_format");
        if (name == null) {
            return ImageFormat.PNG;
        }
        if ("jpg".equalsIgnoreCase(name)) {
            return ImageFormat.JPEG;
        }
        return Arrays.stream(ImageFormat.values()).filter(f -> f.extension().equals(name)).findFirst()
                .orElseThrow(() -> badEnum("output_format", name, OUTPUT_FORMATS));
    }

    /** {@code size} WxH wins; {@code size} W:H is {@code aspect_ratio}; then {@code aspect_ratio} and {@code resolution}. */
    private static RequestedSize size(JsonObject body) {
        String size = string(body, "size");
        Dim pixels = null;
        AspectRatio ratio = null;
        if (size != null && !size.equalsIgnoreCase("auto")) {
            String s = size.trim().toLowerCase(java.util.Locale.ROOT);
            if (!isAscii(s)) {
                // Integer.parseInt reads Arabic-Indic and other digits too; sizes are ASCII.
                throw ApiErrors.invalid("size", "'size' must be 'auto', WIDTHxHEIGHT or W:H in ASCII digits.");
            }
            if (s.contains("x")) {
                pixels = pixels(s);
            } else if (s.contains(":")) {
                ratio = ratio(s, "size");
            } else {
                throw ApiErrors.invalid("size", "'size' must be 'auto', WIDTHxHEIGHT (e.g. 1536x1024) or W:H (e.g. 16:9), got '" + size + "'.");
            }
        }
        String ar = string(body, "aspect_ratio");
        if (ar != null && !isAscii(ar)) {
            throw ApiErrors.invalid("aspect_ratio", "'aspect_ratio' must be W:H in ASCII digits, e.g. 16:9.");
        }
        if (ar != null && !ar.equalsIgnoreCase("auto")) {
            // Checked even when size wins: a wrong value is the caller's mistake either way.
            AspectRatio given = ratio(ar.trim(), "aspect_ratio");
            if (pixels == null && ratio == null) {
                ratio = given;
            }
        }
        String res = string(body, "resolution");
        Resolution resolution = null;
        if (res != null && !res.equalsIgnoreCase("auto")) {
            resolution = Resolution.fromLabel(res.trim());
            if (resolution == null) {
                throw badEnum("resolution", res, List.of("auto", "0.5K", "1K", "2K", "4K"));
            }
        }
        if (pixels != null) {
            return new RequestedSize(pixels, null, null);
        }
        return new RequestedSize(null, ratio, resolution);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static Dim pixels(String s) {
        Dim d;
        try {
            d = Dim.parse(s);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalid("size", "'size' must be WIDTHxHEIGHT with whole numbers, e.g. 1536x1024, got '" + s + "'.");
        }
        if (d.width() < MIN_SIDE || d.height() < MIN_SIDE || d.width() > MAX_SIDE || d.height() > MAX_SIDE) {
            throw ApiErrors.invalid("size", "'size' sides must be between " + MIN_SIDE + " and " + MAX_SIDE + " pixels, got '" + s + "'.");
        }
        if (d.ratio() > MAX_RATIO || d.ratio() < 1 / MAX_RATIO) {
            throw ApiErrors.invalid("size", "'size' aspect ratio must be between 1:16 and 16:1, got '" + s + "'.");
        }
        return d;
    }

    private static AspectRatio ratio(String s, String param) {
        AspectRatio r;
        try {
            r = AspectRatio.parse(s);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalid(param, "'" + param + "' must be W:H with positive whole numbers, e.g. 16:9, got '" + s + "'.");
        }
        if (r.value() > MAX_RATIO || r.value() < 1 / MAX_RATIO) {
            throw ApiErrors.invalid(param, "'" + param + "' must be between 1:16 and 16:1, got '" + s + "'.");
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> providerOptions(JsonObject body) {
        Object v = body.getValue("provider_options");
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof JsonObject options)) {
            throw ApiErrors.invalid("provider_options", "'provider_options' must be an object keyed by provider id.");
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String provider : options.fieldNames()) {
            Object o = options.getValue(provider);
            if (!(o instanceof JsonObject obj)) {
                throw ApiErrors.invalid("provider_options." + provider, "'provider_options." + provider + "' must be an object.");
            }
            out.put(provider, obj.getMap());
        }
        return out;
    }

    /** A short single-line value: sizes, ratios, enum values. */
    private static String string(JsonObject body, String field) {
        return string(body, field, MAX_SHORT);
    }

    private static String string(JsonObject body, String field, int maxCodePoints) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiErrors.invalid(field, "'" + field + "' must be a string.");
        }
        return TextField.check(field, s, maxCodePoints, false);
    }

    /** Free text (prompts): tabs and line breaks allowed. */
    private static String text(JsonObject body, String field, int maxCodePoints) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiErrors.invalid(field, "'" + field + "' must be a string.");
        }
        return TextField.check(field, s, maxCodePoints, true);
    }

    /** JSON true or false only: the string "true" is a client bug, not a yes. */
    private static boolean bool(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiErrors.invalid(field, "'" + field + "' must be true or false (a JSON boolean, not a string).");
        }
        return b;
    }

    /**
     * A whole number within [min, max]. JSON numbers are compared exactly as decimals: {@code 2.0}
     * is 2, {@code 2.5}, {@code 1e400} and {@code 1.8446744073709552E19} (past a long) are refused,
     * never rounded or wrapped.
     */
    private static long integer(JsonObject body, String field, long min, long max, long fallback) {
        Object v = body.getValue(field);
        if (v == null) {
            return fallback;
        }
        String range = "'" + field + "' must be a whole number between " + min + " and " + max;
        if (!(v instanceof Number num) || (num instanceof Double d && !Double.isFinite(d))
                || (num instanceof Float f && !Float.isFinite(f))) {
            throw ApiErrors.invalid(field, range + ".");
        }
        BigDecimal exact = num instanceof BigDecimal b ? b
                : num instanceof BigInteger bi ? new BigDecimal(bi)
                : num instanceof Double || num instanceof Float ? new BigDecimal(num.toString())
                : BigDecimal.valueOf(num.longValue());
        if (exact.stripTrailingZeros().scale() > 0) {
            throw ApiErrors.invalid(field, range + ", got a fraction.");
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            String given = exact.toBigInteger().toString();
            throw ApiErrors.invalid(field, range + ", got " + (given.length() <= 24 ? given : "a " + given.length() + "-digit number") + ".");
        }
        return exact.longValueExact();
    }

    private static String oneOf(JsonObject body, String field, List<String> allowed, String fallback) {
        String v = string(body, field);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw badEnum(field, v, allowed);
        }
        return v;
    }

    private static ApiException badEnum(String field, String value, List<String> allowed) {
        return ApiErrors.invalid(field, "'" + field + "' must be one of " + String.join(", ", allowed) + ", got '" + value + "'.");
    }
}

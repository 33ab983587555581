package dev.easel.adapter.stability;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a request into the form fields of {@code POST /v2beta/stable-image/generate/{model}}.
 * Pure: the adapter only copies the fields into a multipart form.
 */
final class StabilityRequestMapper {

    /** Stability's seed range; 0 means "random", so it is sent as asked. */
    static final long MAX_SEED = 4_294_967_294L;
    /** Optional fields Stability takes; the rest have no equivalent there. */
    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED, OptionalParam.NEGATIVE_PROMPT);
    private static final Set<String> NATIVE_FORMATS = Set.of("png", "jpeg", "webp");

    private StabilityRequestMapper() {
    }

    /** The form fields and what could not be honoured: a form, so not a {@code MappedRequest}. */
    record Mapped(Map<String, String> fields, List<Warning> warnings) {
        Mapped {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
            warnings = List.copyOf(warnings);
        }
    }

    static Mapped map(AdapterRequest request, String providerId) {
        List<Warning> warnings = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("prompt", request.prompt());
        if (request.size() instanceof UpstreamSize.Ratio ratio) {
            fields.put("aspect_ratio", ratio.ratio());
            if (ratio.tier() != null) {
                warnings.add(new Warning("size_adjusted", "resolution",
                        "Stability has no resolution tiers; the tier was not sent"));
            }
        } else if (!(request.size() instanceof UpstreamSize.ProviderDefault)) {
            warnings.add(new Warning("size_adjusted", "size",
                    "Stability takes aspect ratios only; the size was not sent and 1:1 was used"));
        }
        String format = request.outputFormat();
        if (NATIVE_FORMATS.contains(format) && request.capabilities().outputFormats().contains(format)) {
            fields.put("output_format", format);
        }
        if (request.seed() != null) {
            if (request.seed() >= 0 && request.seed() <= MAX_SEED) {
                fields.put("seed", Long.toString(request.seed()));
            } else {
                warnings.add(new Warning("parameter_adjusted", "seed",
                        "Stability seeds are 0.." + MAX_SEED + "; the seed was not sent and a random one was used"));
            }
        }
        if (request.negativePrompt() != null) {
            fields.put("negative_prompt", request.negativePrompt());
        }
        if (request.n() > 1) {
            warnings.add(new Warning("parameter_adjusted", "n", "Stability makes one image per call; 1 was generated"));
        }
        warnings.addAll(MappedRequest.unhonoured(request, providerId, HONOURED));
        // style_preset, sd3's model and mode, ...: form fields like the rest, added only where
        // Easel wrote nothing (see ProviderOptions); an object or list is sent as its JSON text.
        ProviderOptions.addable(fields.keySet(), request.providerOptions(), warnings).forEach((key, value) ->
                fields.put(key, value instanceof String s ? s
                        : value instanceof Map<?, ?> || value instanceof List<?> ? Json.encode(value) : value.toString()));
        return new Mapped(fields, warnings);
    }
}

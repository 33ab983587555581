package dev.easel.adapter.stability;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.EditChecks;
import dev.easel.adapter.http.FormFile;
import dev.easel.adapter.http.MappedForm;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request into the form of {@code POST /v2beta/stable-image/generate/{model}}, or of
 * {@code /v2beta/stable-image/edit/inpaint} for an edit.
 * Pure: the adapter only copies the fields into a multipart form.
 */
final class StabilityRequestMapper {

    /** Stability's seed range; 0 means "random", so it is sent as asked. */
    static final long MAX_SEED = 4_294_967_294L;
    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED, OptionalParam.NEGATIVE_PROMPT);
    private static final Set<String> NATIVE_FORMATS = Set.of("png", "jpeg", "webp");
    /** The edit services whose fields are mapped here (the others take other fields). */
    static final Set<String> EDIT_MODELS = Set.of("inpaint");

    private StabilityRequestMapper() {
    }

    /** The form fields, files and what could not be honoured. */
    static MappedForm map(AdapterRequest request, String providerId) {
        List<Warning> warnings = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        List<FormFile> files = new ArrayList<>();
        fields.put("prompt", request.prompt());
        if (request.operation() == Operation.EDIT) {
            edit(request, providerId, files, warnings);
        } else if (request.size() instanceof UpstreamSize.Ratio ratio) {
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
        Set<String> written = new java.util.HashSet<>(fields.keySet());
        files.forEach(f -> written.add(f.name()));
        ProviderOptions.addable(written, request.providerOptions(), warnings).forEach((key, value) ->
                fields.put(key, value instanceof String s ? s
                        : value instanceof Map<?, ?> || value instanceof List<?> ? Json.encode(value) : value.toString()));
        return new MappedForm(fields, files, warnings, null);
    }

    /** The path under {@code /v2beta/stable-image/}: {@code generate/core}, or {@code edit/inpaint}. */
    static String path(AdapterRequest request, String providerId) {
        if (request.operation() == Operation.EDIT) {
            if (!EDIT_MODELS.contains(request.providerModel())) {
                throw EditChecks.notAnEditModel(providerId, request.providerModel());
            }
            return "edit/" + request.providerModel();
        }
        return "generate/" + request.providerModel();
    }

    /**
     * Inpaint: {@code image} and an optional {@code mask} (white = inpaint, resized by
     * Stability if it differs); the output keeps the input's size, so there is no size field.
     */
    private static void edit(AdapterRequest request, String providerId, List<FormFile> files, List<Warning> warnings) {
        path(request, providerId);
        EditChecks.require(request, providerId, 1, true);
        files.add(FormFile.of("image", "image", request.inputs().get(0)));
        if (request.mask() != null) {
            files.add(FormFile.of("mask", "mask", request.mask()));
        }
        if (request.size() instanceof UpstreamSize.Pixels || request.size() instanceof UpstreamSize.Preset) {
            warnings.add(new Warning("size_ignored", "size",
                    "Stability's inpaint keeps the input image's size; the size was not sent"));
        }
    }
}

package dev.easel.adapter.gemini;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the {@code generateContent} body for an image-only answer. Pure. */
final class GeminiRequestMapper {

    /** Optional fields Gemini takes; the rest have no equivalent there. */
    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED);

    private GeminiRequestMapper() {
    }

    static MappedRequest map(AdapterRequest request, String providerId) {
        List<Warning> warnings = new ArrayList<>();
        JsonObject generationConfig = new JsonObject().put("responseModalities", new JsonArray().add("IMAGE"));

        if (request.size() instanceof UpstreamSize.Ratio ratio) {
            JsonObject imageConfig = new JsonObject().put("aspectRatio", ratio.ratio());
            if (ratio.tier() != null) {
                imageConfig.put("imageSize", ratio.tier());
            }
            generationConfig.put("imageConfig", imageConfig);
        } else if (!(request.size() instanceof UpstreamSize.ProviderDefault)) {
            warnings.add(new Warning("size_adjusted", "size",
                    "Gemini takes aspect ratios only; the size was not sent and the model default was used"));
        }
        if (request.seed() != null) {
            generationConfig.put("seed", request.seed());
        }
        // Gemini has no candidate count for images: the gateway splits n by max_images 1.
        if (request.n() > 1) {
            warnings.add(new Warning("parameter_adjusted", "n", "Gemini makes one image per call; 1 was generated"));
        }
        warnings.addAll(MappedRequest.unhonoured(request, providerId, HONOURED));

        JsonObject body = new JsonObject()
                .put("contents", new JsonArray().add(new JsonObject()
                        .put("role", "user")
                        .put("parts", new JsonArray().add(new JsonObject().put("text", request.prompt())))))
                .put("generationConfig", generationConfig);
        // provider_options {"generationConfig": {"imageConfig": {...}}} must add to what Easel
        // wrote, not wipe out the aspect ratio: ProviderOptions merges objects key by key.
        return new MappedRequest(ProviderOptions.merge(body, request.providerOptions(), warnings), warnings);
    }
}

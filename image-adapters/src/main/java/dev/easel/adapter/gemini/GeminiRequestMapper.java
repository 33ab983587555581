package dev.easel.adapter.gemini;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.EditChecks;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Writes the {@code generateContent} body for an image-only answer; an edit's images go as
 * {@code inline_data} parts after the text. Pure.
 */
final class GeminiRequestMapper {

    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED);

    /** Gemini 3 Pro Image takes up to 14 reference images; 2.5 Flash works best with 3 (the catalog says so). */
    static final int MAX_IMAGES = 14;

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

        JsonArray parts = new JsonArray().add(new JsonObject().put("text", request.prompt()));
        if (request.operation() == Operation.EDIT) {
            // Gemini reads no mask; the images follow the instruction, in the caller's order.
            EditChecks.require(request, providerId, MAX_IMAGES, false);
            for (InputImage image : request.inputs()) {
                parts.add(new JsonObject().put("inline_data", new JsonObject()
                        .put("mime_type", image.mediaType())
                        .put("data", Base64.getEncoder().encodeToString(image.data()))));
            }
        }
        JsonObject body = new JsonObject()
                .put("contents", new JsonArray().add(new JsonObject()
                        .put("role", "user")
                        .put("parts", parts)))
                .put("generationConfig", generationConfig);
        // provider_options {"generationConfig": {"imageConfig": {...}}} must add to what Easel
        // wrote, not wipe out the aspect ratio: ProviderOptions merges objects key by key.
        return new MappedRequest(ProviderOptions.merge(body, request.providerOptions(), warnings), warnings);
    }
}

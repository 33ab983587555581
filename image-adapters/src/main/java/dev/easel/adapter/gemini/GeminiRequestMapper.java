package dev.easel.adapter.gemini;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Writes the {@code generateContent} body for an image-only answer. Pure. */
final class GeminiRequestMapper {

    private GeminiRequestMapper() {
    }

    record Mapped(JsonObject body, List<Warning> warnings) {
        Mapped {
            Objects.requireNonNull(body, "body");
            warnings = List.copyOf(warnings);
        }
    }

    static Mapped map(AdapterRequest request, String providerId) {
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
        unsupported(warnings, providerId, "quality", request.quality());
        unsupported(warnings, providerId, "style", request.style());
        unsupported(warnings, providerId, "background", request.background());
        unsupported(warnings, providerId, "moderation", request.moderation());
        unsupported(warnings, providerId, "user", request.user());
        unsupported(warnings, providerId, "negative_prompt", request.negativePrompt());
        unsupported(warnings, providerId, "output_compression", request.outputCompression());

        JsonObject body = new JsonObject()
                .put("contents", new JsonArray().add(new JsonObject()
                        .put("role", "user")
                        .put("parts", new JsonArray().add(new JsonObject().put("text", request.prompt())))))
                .put("generationConfig", generationConfig);
        // Deep merge: provider_options {"generationConfig": {"imageConfig": {...}}} should
        // add to what Easel wrote, not wipe out the aspect ratio.
        merge(body, new JsonObject(request.providerOptions()));
        return new Mapped(body, warnings);
    }

    static void merge(JsonObject target, JsonObject extra) {
        for (Map.Entry<String, Object> entry : extra) {
            Object mine = target.getValue(entry.getKey());
            Object theirs = entry.getValue() instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : entry.getValue();
            if (mine instanceof JsonObject a && theirs instanceof JsonObject b) {
                merge(a, b);
            } else {
                target.put(entry.getKey(), theirs);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static void unsupported(List<Warning> warnings, String providerId, String param, Object value) {
        if (value != null) {
            warnings.add(Warning.unsupported(param, providerId));
        }
    }
}

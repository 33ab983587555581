package dev.easel.adapter.compat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Writes OpenAI's images body in the dialect {@link OpenAiCompatibleOptions} describes. Pure. */
final class OpenAiCompatibleRequestMapper {

    private OpenAiCompatibleRequestMapper() {
    }

    /** The media type is what base64 images will be when Easel asked for a format, else null. */
    static MappedRequest map(AdapterRequest request, OpenAiCompatibleOptions options) {
        List<Warning> warnings = new ArrayList<>();
        JsonObject body = new JsonObject()
                .put("model", request.providerModel())
                .put("prompt", request.prompt())
                .put("n", request.n());
        if (options.responseFormatValue() != null) {
            body.put("response_format", options.responseFormatValue());
        }
        size(request.size(), options, body, warnings);

        String mediaType = null;
        if (options.outputFormatField() && request.capabilities().outputFormats().contains(request.outputFormat())) {
            body.put("output_format", request.outputFormat());
            mediaType = "image/" + request.outputFormat();
        }
        // The gateway already dropped every field the route does not list, so what is left
        // is what this upstream takes, under OpenAI's names.
        putIfPresent(body, "output_compression", request.outputCompression());
        putIfPresent(body, "quality", request.quality());
        putIfPresent(body, "style", request.style());
        putIfPresent(body, "background", request.background());
        putIfPresent(body, "moderation", request.moderation());
        putIfPresent(body, "user", request.user());
        putIfPresent(body, "seed", request.seed());
        putIfPresent(body, "negative_prompt", request.negativePrompt());
        ProviderOptions.merge(body, request.providerOptions(), warnings);
        return new MappedRequest(body, warnings, mediaType);
    }

    private static void size(UpstreamSize size, OpenAiCompatibleOptions options, JsonObject body, List<Warning> warnings) {
        Dim dims = size instanceof UpstreamSize.Pixels p ? p.dims()
                : size instanceof UpstreamSize.Preset preset ? preset.dims() : null;
        if (dims != null) {
            if (options.sizeFields() == OpenAiCompatibleOptions.SizeFields.WIDTH_HEIGHT) {
                body.put("width", dims.width()).put("height", dims.height());
            } else {
                body.put("size", dims.toString());
            }
        } else if (size instanceof UpstreamSize.Ratio ratio) {
            if (options.aspectRatioField()) {
                body.put("aspect_ratio", ratio.ratio());
                if (ratio.tier() != null) {
                    body.put("resolution", ratio.tier());
                }
            } else {
                warnings.add(new Warning("size_adjusted", "aspect_ratio",
                        "this provider takes pixel sizes only; the aspect ratio was not sent"));
            }
        }
    }

    private static void putIfPresent(JsonObject body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}

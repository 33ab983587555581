package dev.easel.adapter.fal;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pure mapping of a normalized request to a fal queue submit body (the model's input); an
 * edit adds its images as {@link FalEdits} says.
 */
final class FalRequests {

    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED);

    private FalRequests() {
    }

    static MappedRequest map(AdapterRequest request, String provider) {
        JsonObject body = new JsonObject().put("prompt", request.prompt());
        List<Warning> warnings = new ArrayList<>();
        // num_images only for routes that make several images per call: single-image models
        // (fal-ai/flux-2-pro) do not document the field.
        if (request.n() > 1 || request.capabilities().maxImagesPerCall() > 1) {
            body.put("num_images", request.n());
        }
        if (request.seed() != null) {
            body.put("seed", request.seed());
        }
        // fal makes jpeg (its default) or png; webp is left to the gateway's transcoder.
        String format = request.outputFormat();
        if ("jpeg".equals(format) || "png".equals(format)) {
            body.put("output_format", format);
        }
        UpstreamSize size = request.size();
        if (size instanceof UpstreamSize.Preset preset) {
            body.put("image_size", preset.name());
        } else if (size instanceof UpstreamSize.Pixels pixels) {
            body.put("image_size", new JsonObject()
                    .put("width", pixels.dims().width())
                    .put("height", pixels.dims().height()));
        } else if (size instanceof UpstreamSize.Ratio ratio) {
            // Ultra and kontext models take a ratio instead of image_size; fal has no tiers.
            body.put("aspect_ratio", ratio.ratio());
            if (ratio.tier() != null) {
                warnings.add(Warning.unsupported("resolution", provider));
            }
        }
        if (request.operation() == Operation.EDIT) {
            FalEdits.put(request, provider, body, warnings);
        }
        warnings.addAll(MappedRequest.unhonoured(request, provider, HONOURED));
        return new MappedRequest(ProviderOptions.merge(body, request.providerOptions(), warnings), warnings);
    }
}

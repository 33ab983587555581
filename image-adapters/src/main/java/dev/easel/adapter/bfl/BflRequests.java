package dev.easel.adapter.bfl;

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

/** Pure mapping of a normalized request to a BFL submit body. */
final class BflRequests {

    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED);

    private BflRequests() {
    }

    static MappedRequest map(AdapterRequest request, String provider) {
        JsonObject body = new JsonObject().put("prompt", request.prompt());
        List<Warning> warnings = new ArrayList<>();
        UpstreamSize size = request.size();
        if (size instanceof UpstreamSize.Pixels pixels) {
            body.put("width", pixels.dims().width()).put("height", pixels.dims().height());
        } else if (size instanceof UpstreamSize.Ratio ratio) {
            // Ultra and kontext take a free W:H ratio; their output area is fixed, so no tiers.
            body.put("aspect_ratio", ratio.ratio());
            if (ratio.tier() != null) {
                warnings.add(Warning.unsupported("resolution", provider));
            }
        } else if (size instanceof UpstreamSize.Preset preset && preset.dims() != null) {
            body.put("width", preset.dims().width()).put("height", preset.dims().height());
        }
        if (request.seed() != null) {
            body.put("seed", request.seed());
        }
        // BFL makes jpeg or png; webp is the gateway transcoder's job.
        String format = request.outputFormat();
        if (("jpeg".equals(format) || "png".equals(format)) && request.capabilities().outputFormats().contains(format)) {
            body.put("output_format", format);
        }
        if (request.n() > 1) {
            // One image per BFL task; the gateway splits n by max_images, so this is a catalog slip.
            warnings.add(new Warning("n_reduced", "n", provider + " makes one image per call; one was generated"));
        }
        if (request.operation() == Operation.EDIT) {
            BflEdits.put(request, provider, body, warnings);
        }
        warnings.addAll(MappedRequest.unhonoured(request, provider, HONOURED));
        return new MappedRequest(ProviderOptions.merge(body, request.providerOptions(), warnings), warnings);
    }
}

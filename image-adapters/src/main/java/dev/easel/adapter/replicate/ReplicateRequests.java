package dev.easel.adapter.replicate;

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
import java.util.Locale;
import java.util.Set;

/** Pure mapping of a normalized request to a Replicate create-prediction call. */
final class ReplicateRequests {

    /** What this provider can take; also its factory's {@code honouredParams()}. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.SEED, OptionalParam.OUTPUT_COMPRESSION);

    /**
     * Default {@code Prefer: wait} in seconds. Short on purpose: a waiting create pins one
     * pooled connection, so long waits under load starve every other Replicate call; fast
     * models (flux-schnell, 1-3 s) still finish inside it and slow ones go to the poller.
     * The catalog may change it with {@code options: {prefer_wait_seconds: N}} (1..60).
     */
    static final int DEFAULT_PREFER_WAIT_S = 5;
    /** Replicate's own bounds for Prefer: wait and Cancel-After. */
    private static final int MAX_PREFER_WAIT_S = 60;
    private static final int MIN_CANCEL_AFTER_S = 5;

    private ReplicateRequests() {
    }

    /** {@code /models/{owner}/{name}/predictions}, or {@code /predictions} for a pinned {@code owner/name:version}. */
    static String createUrl(String baseUrl, String providerModel) {
        return providerModel.contains(":") ? baseUrl + "/predictions" : baseUrl + "/models/" + providerModel + "/predictions";
    }

    static MappedRequest map(AdapterRequest request, String provider) {
        return map(request, provider, List.of());
    }

    /**
     * @param images an edit's images as the model input takes them (data URIs or uploaded
     *               files' URLs, see {@link ReplicateEdits}), in the caller's order
     */
    static MappedRequest map(AdapterRequest request, String provider, List<String> images) {
        JsonObject input = new JsonObject().put("prompt", request.prompt());
        List<Warning> warnings = new ArrayList<>();
        UpstreamSize size = request.size();
        if (size instanceof UpstreamSize.Ratio ratio) {
            input.put("aspect_ratio", ratio.ratio());
            if (ratio.tier() != null) {
                input.put(tierField(ratio.tier()), ratio.tier());
            }
        } else if (size instanceof UpstreamSize.Pixels pixels) {
            // flux-1.1-pro and flux-2-pro take free sizes through aspect_ratio "custom".
            input.put("aspect_ratio", "custom")
                    .put("width", pixels.dims().width())
                    .put("height", pixels.dims().height());
        } else if (size instanceof UpstreamSize.ProviderDefault && request.operation() == Operation.EDIT) {
            // Every edit model here takes it: the output keeps the first image's ratio exactly.
            input.put("aspect_ratio", "match_input_image");
        } else if (size instanceof UpstreamSize.Preset) {
            warnings.add(new Warning("size_ignored", "size", "Replicate has no named size presets; its default size was used"));
        }
        // num_outputs only where the model makes several images per call (flux-schnell);
        // single-image models reject or ignore it.
        if (request.n() > 1 || request.capabilities().maxImagesPerCall() > 1) {
            input.put("num_outputs", request.n());
        }
        if (request.seed() != null) {
            input.put("seed", request.seed());
        }
        // Only formats the route makes natively: flux-kontext-pro answers webp with a 422.
        if (request.capabilities().outputFormats().contains(request.outputFormat())) {
            input.put("output_format", "jpeg".equals(request.outputFormat()) ? "jpg" : request.outputFormat());
        }
        if (request.outputCompression() != null) {
            input.put("output_quality", request.outputCompression());
        }
        if (request.operation() == Operation.EDIT) {
            ReplicateEdits.put(input, ReplicateEdits.check(request, provider), images);
        }
        warnings.addAll(MappedRequest.unhonoured(request, provider, HONOURED));
        ProviderOptions.merge(input, request.providerOptions(), warnings);
        JsonObject body = new JsonObject();
        int colon = request.providerModel().indexOf(':');
        if (colon > 0) {
            body.put("version", request.providerModel().substring(colon + 1));
        }
        return new MappedRequest(body.put("input", input), warnings);
    }

    /**
     * The input field a tier goes in, decided by the tier's spelling in the catalog:
     * flux-2-pro's {@code resolution} values read "1 MP", flux-schnell's {@code megapixels}
     * values are bare numbers ("1", "0.25").
     */
    static String tierField(String tier) {
        return tier.toUpperCase(Locale.ROOT).endsWith("MP") ? "resolution" : "megapixels";
    }

    /** Seconds for {@code Prefer: wait}: the configured wait, at most the time left less one second. */
    static int preferWaitSeconds(long millisLeft, int configured) {
        int wanted = Math.max(1, Math.min(MAX_PREFER_WAIT_S, configured));
        long leftS = millisLeft / 1000 - 1;
        return (int) Math.max(1, Math.min(wanted, leftS));
    }

    /**
     * {@code Cancel-After}: Replicate stops the prediction itself at our deadline, even if
     * Easel dies before it can cancel (minimum 5 s).
     */
    static String cancelAfter(long millisLeft) {
        return Math.max(MIN_CANCEL_AFTER_S, (millisLeft + 999) / 1000) + "s";
    }

    static int configuredWait(Object option) {
        return option instanceof Number n ? n.intValue() : DEFAULT_PREFER_WAIT_S;
    }
}

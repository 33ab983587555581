package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.api.GenerationRequest;
import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link AdapterRequest} for one route: optional fields the route does not
 * honour are dropped here, once for every adapter, each with a warning.
 */
public final class AdapterRequests {

    private AdapterRequests() {
    }

    /** The request for one call of {@code n} images, plus the warnings for dropped fields. */
    public static Built build(GenerationRequest req, Route route, NormalizedSize size, int n, String requestId,
                              Instant deadline, Future<Void> abandoned) {
        Capabilities caps = route.capabilities();
        List<Warning> warnings = new ArrayList<>();
        AdapterRequest request = new AdapterRequest(
                requestId,
                route.providerModel(),
                req.prompt(),
                n,
                size.sent(),
                req.outputFormat(),
                keep("output_compression", req.outputCompression(), caps, route, warnings),
                keep("quality", req.quality(), caps, route, warnings),
                keep("style", req.style(), caps, route, warnings),
                keep("background", req.background(), caps, route, warnings),
                keep("moderation", req.moderation(), caps, route, warnings),
                keep("user", req.user(), caps, route, warnings),
                keep("seed", req.seed(), caps, route, warnings),
                keep("negative_prompt", req.negativePrompt(), caps, route, warnings),
                req.providerOptions().getOrDefault(route.provider(), Map.of()),
                caps,
                deadline,
                abandoned);
        return new Built(request, warnings);
    }

    private static <T> T keep(String param, T value, Capabilities caps, Route route, List<Warning> warnings) {
        if (value == null || caps.supports(param)) {
            return value;
        }
        // output_compression still shapes Easel's own jpeg/webp encoding, so it is not lost.
        if (!"output_compression".equals(param)) {
            warnings.add(Warning.unsupported(param, route.slug()));
        }
        return null;
    }

    public record Built(AdapterRequest request, List<Warning> warnings) {
    }
}

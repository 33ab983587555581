package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link AdapterRequest} for one route: optional parameters the route does not
 * honour are dropped here, once for every adapter, each with a warning.
 */
public final class AdapterRequests {

    private AdapterRequests() {
    }

    /** The request for one call of {@code n} images, plus the warnings for dropped parameters. */
    public static Built build(ImageJob job, Route route, NormalizedSize size, int n, String requestId,
                              Instant deadline, Future<Void> abandoned) {
        Capabilities caps = route.capabilities();
        List<Warning> warnings = new ArrayList<>();
        for (OptionalParam param : job.params().present()) {
            // output_compression still shapes Easel's own jpeg/webp encoding, so it is not lost.
            if (!caps.supports(param) && param != OptionalParam.OUTPUT_COMPRESSION) {
                warnings.add(Warning.unsupported(param.wireName(), route.slug()));
            }
        }
        OptionalParams honoured = job.params().retain(caps::supports);
        AdapterRequest request = new AdapterRequest(
                requestId,
                route.providerModel(),
                job.operation(),
                job.prompt(),
                n,
                size.sent(),
                // Adapters speak the API's format names, as their providers do (see Capabilities).
                job.outputFormat().extension(),
                honoured,
                job.inputs(),
                job.mask(),
                job.providerOptions().getOrDefault(route.provider(), Map.of()),
                caps,
                deadline,
                abandoned);
        return new Built(request, warnings);
    }

    public record Built(AdapterRequest request, List<Warning> warnings) {
    }
}

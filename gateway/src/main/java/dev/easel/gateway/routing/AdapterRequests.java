package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.PreparedInputs;
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

    /** As {@link #build(ImageJob, Route, NormalizedSize, int, String, Instant, Future, PreparedInputs)} with the job's inputs as received (dry runs). */
    public static Built build(ImageJob job, Route route, NormalizedSize size, int n, String requestId,
                              Instant deadline, Future<Void> abandoned) {
        return build(job, route, size, n, requestId, deadline, abandoned,
                new PreparedInputs(job.inputs(), job.mask(), null));
    }

    /**
     * The request for one call of {@code n} images, plus the warnings for dropped parameters.
     * An edit goes to the route's edit model with {@code inputs} as prepared for the route.
     */
    public static Built build(ImageJob job, Route route, NormalizedSize size, int n, String requestId,
                              Instant deadline, Future<Void> abandoned, PreparedInputs inputs) {
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
                route.providerModelFor(job.operation()),
                job.operation(),
                job.prompt(),
                n,
                size.sent(),
                // Adapters speak the API's format names, as their providers do (see Capabilities).
                job.outputFormat().extension(),
                honoured,
                job.operation() == Operation.EDIT ? inputs.images() : List.of(),
                job.operation() == Operation.EDIT ? inputs.mask() : null,
                job.providerOptions().getOrDefault(route.provider(), Map.of()),
                caps,
                deadline,
                abandoned);
        return new Built(request, warnings);
    }

    public record Built(AdapterRequest request, List<Warning> warnings) {
    }
}

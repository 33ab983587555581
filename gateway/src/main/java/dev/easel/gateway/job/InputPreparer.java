package dev.easel.gateway.job;

import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;

/**
 * Makes an edit's input images and mask right for one route (format, pixel budget, mask
 * convention). Called inside the failover loop once per route tried; the work is CPU-bound
 * and runs on the worker pool. A failure is the caller's (an input no route can take), not
 * the provider's.
 */
@FunctionalInterface
public interface InputPreparer {

    Future<PreparedInputs> prepare(ImageJob job, Route route);

    /** For generations, which have nothing to prepare. */
    InputPreparer NONE = (job, route) -> Future.succeededFuture(PreparedInputs.NONE);
}

package dev.easel.adapter.poll;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What a job-queue adapter test runs on: one test's virtual time, the provider context on it
 * (its clock, and a poller whose waits are its timers), and the stub server's arrivals noted
 * on the same clock.
 */
public final class JobQueueRig {

    private final VirtualTimers time;
    private final ProviderContext context;

    private JobQueueRig(VirtualTimers time, ProviderContext context) {
        this.time = time;
        this.context = context;
    }

    public static JobQueueRig create(Vertx vertx, ProviderConfig config, Arrivals arrivals) {
        VirtualTimers time = JobTestSupport.virtualTime();
        arrivals.reset(time.clock());
        return new JobQueueRig(time, JobTestSupport.context(vertx, config, time));
    }

    public VirtualTimers time() {
        return time;
    }

    public ProviderContext context() {
        return context;
    }

    /** The call on virtual time: every wait of the poller fires, its deadline guard never does. */
    public Future<AdapterResult> run(ImageAdapter adapter, AdapterRequest request) {
        return time.runUntilDone(adapter.generate(request), request.deadline());
    }

    /** The call on virtual time through its deadline, which then passes. */
    public Future<AdapterResult> runPastDeadline(ImageAdapter adapter, AdapterRequest request) {
        return time.runUntilDone(adapter.generate(request), request.deadline().plusMillis(1));
    }

    /** Starts the call and returns once the poller has begun {@code checks} status checks. */
    public Future<AdapterResult> startAndCheck(ImageAdapter adapter, AdapterRequest request, int checks) {
        Future<AdapterResult> result = adapter.generate(request);
        time.runUntil(() -> context.poller().checksMade() == checks, request.deadline());
        return result;
    }
}

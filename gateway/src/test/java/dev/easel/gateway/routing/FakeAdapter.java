package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider scripted step by step; once the script is used up it succeeds.
 * Images are labelled {@code provider-call-index} so tests can check order and origin.
 */
final class FakeAdapter implements ImageAdapter {

    private final String provider;
    /** One scripted answer; {@code call} counts this adapter's calls from 1. */
    interface Step {
        Future<AdapterResult> run(AdapterRequest request, int call);
    }

    private final Queue<Step> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger counter = new AtomicInteger();
    final List<AdapterRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Promise<AdapterResult>> hanging = Collections.synchronizedList(new ArrayList<>());

    FakeAdapter(String provider) {
        this.provider = provider;
    }

    FakeAdapter then(Step step) {
        script.add(step);
        return this;
    }

    FakeAdapter thenFail(ErrorKind kind) {
        return thenFail(kind, null);
    }

    FakeAdapter thenFail(ErrorKind kind, Duration retryAfter) {
        return then((r, call) -> Future.failedFuture(new ProviderException(kind, provider, upstreamStatus(kind),
                "scripted " + kind.code(), retryAfter, null)));
    }

    /** What a provider typically answers for each kind; never 0, which means "no answer at all". */
    private static int upstreamStatus(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED -> 429;
            case TIMEOUT -> 504;
            case CONTENT_POLICY, INVALID_REQUEST -> 400;
            case UNAVAILABLE, NO_IMAGE, INVALID_IMAGE, AUTH, QUOTA, UPSTREAM -> 502;
        };
    }

    /** A call that answers only when the test completes {@link #hanging}. */
    FakeAdapter thenHang() {
        return then((r, call) -> {
            Promise<AdapterResult> p = Promise.promise();
            hanging.add(p);
            return p.future();
        });
    }

    FakeAdapter thenReturn(int images, List<Warning> warnings, Map<String, Object> usage) {
        return then((r, call) -> Future.succeededFuture(new AdapterResult(images(call, images), warnings, usage, Map.of())));
    }

    int calls() {
        return requests.size();
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        requests.add(request);
        int call = counter.incrementAndGet();
        Step step = script.poll();
        return step == null ? Future.succeededFuture(AdapterResult.of(images(call, request.n()))) : step.run(request, call);
    }

    /** What a successful call number {@code call} of {@code n} images returns. */
    AdapterResult success(int call, int n) {
        return AdapterResult.of(images(call, n));
    }

    private List<GeneratedImage> images(int call, int count) {
        List<GeneratedImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new GeneratedImage.Bytes((provider + "-" + call + "-" + i).getBytes(StandardCharsets.UTF_8),
                    "image/png", null));
        }
        return out;
    }
}

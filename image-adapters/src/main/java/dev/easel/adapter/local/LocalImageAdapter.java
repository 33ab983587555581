package dev.easel.adapter.local;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.PartialImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the {@code test-pattern} model by rendering on the worker pool, one blocking task
 * per image so that {@code n} images render in parallel. Image {@code i} of a call uses seed
 * {@code seed + i} (seed 0 when none is given), so each image can be reproduced alone. An
 * edit draws the pattern over the first input image ({@link TestPatternEditor}).
 */
final class LocalImageAdapter implements ImageAdapter {

    private static final Dim FALLBACK_SIZE = new Dim(1024, 1024);

    private final String provider;
    private final WorkerExecutor worker;

    LocalImageAdapter(String provider, WorkerExecutor worker) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** test-pattern streams coarser renderings before each image, so previews work offline. */
    @Override
    public boolean streamsPartials(String providerModel) {
        return true;
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        Dim dims;
        try {
            dims = dimensions(request);
        } catch (ProviderException e) {
            return Future.failedFuture(e);
        }
        long seed = request.seed() == null ? 0L : request.seed();
        List<Future<GeneratedImage>> images = new ArrayList<>(request.n());
        for (int i = 0; i < request.n(); i++) {
            long imageSeed = seed + i;
            int index = i;
            images.add(worker.executeBlocking(() -> render(request, index, imageSeed, dims), false));
        }
        return Future.all(images)
                .<AdapterResult>map(all -> new AdapterResult(all.list(), List.of(), Map.of(), Map.of("seed", seed)))
                .recover(e -> Future.failedFuture(e instanceof ProviderException ? e
                        : new ProviderException(ErrorKind.UPSTREAM, provider, 0,
                                "test-pattern rendering failed: " + e.getClass().getSimpleName(), null, e)));
    }

    private GeneratedImage render(AdapterRequest request, int index, long seed, Dim dims) {
        // A queued render nobody waits for any more is skipped; one already running finishes.
        if (request.abandoned().isComplete()) {
            throw new ProviderException(ErrorKind.TIMEOUT, provider, 0, "request abandoned before rendering");
        }
        byte[] png = request.operation() == Operation.EDIT
                ? TestPatternEditor.edit(request.inputs().get(0).data(), request.mask() == null ? null : request.mask().data(),
                        request.prompt(), seed, dims.width(), dims.height())
                : TestPatternRenderer.render(request.prompt(), seed, dims.width(), dims.height());
        if (request.partials().wanted()) {
            List<byte[]> previews = TestPatternRenderer.previews(png, request.partials().count());
            for (int p = 0; p < previews.size(); p++) {
                request.partials().sink().accept(new PartialImage(index, p, previews.get(p), "image/png"));
            }
        }
        return new GeneratedImage.Bytes(png, "image/png", null);
    }

    /** The normalizer always sends pixels for the catalog's AnySize style; the rest is defensive. */
    private Dim dimensions(AdapterRequest request) {
        UpstreamSize size = request.size();
        Dim dims;
        if (size instanceof UpstreamSize.Pixels pixels) {
            dims = pixels.dims();
        } else if (size instanceof UpstreamSize.Preset preset && preset.dims() != null) {
            dims = preset.dims();
        } else if (size instanceof UpstreamSize.ProviderDefault) {
            dims = request.capabilities().size() instanceof SizeStyle.AnySize any ? any.defaultSize() : FALLBACK_SIZE;
        } else {
            throw new ProviderException(ErrorKind.INVALID_REQUEST, provider, 0,
                    "test-pattern takes a pixel size, got " + size);
        }
        if (dims.width() < TestPatternRenderer.MIN_SIDE || dims.width() > TestPatternRenderer.MAX_SIDE
                || dims.height() < TestPatternRenderer.MIN_SIDE || dims.height() > TestPatternRenderer.MAX_SIDE) {
            throw new ProviderException(ErrorKind.INVALID_REQUEST, provider, 0, "test-pattern sides must be within "
                    + TestPatternRenderer.MIN_SIDE + ".." + TestPatternRenderer.MAX_SIDE + ", got " + dims);
        }
        return dims;
    }
}

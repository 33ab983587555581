package dev.easel.gateway.pipeline;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.size.Dim;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.fetch.FetchPolicy;
import dev.easel.gateway.fetch.MediaFetcher;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.ImageProcessor;
import dev.easel.gateway.job.ProcessedImage;
import dev.easel.media.ImageFormat;
import dev.easel.media.MediaException;
import dev.easel.media.TranscodeRequest;
import dev.easel.media.TranscodeResult;
import dev.easel.media.Transcoder;
import dev.easel.adapter.size.NormalizedSize;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what a provider returned into the images the user asked for: fetch URLs through the
 * SSRF guard, check bytes by magic number, transcode to {@code output_format}, crop/scale for
 * {@code size_mode: exact}. Runs inside the failover loop: bad bytes fail over.
 */
public final class OutputPipeline {

    private final Catalog catalog;
    private final MediaFetcher fetcher;
    private final Transcoder transcoder;
    private final WorkerPool workers;
    /**
     * Largest image checked for pass-through on the event loop. The check walks chunk headers
     * (PNG) or finds the end marker from the back (JPEG); only a cut JPEG makes it read every
     * byte, and at this size that is still a few milliseconds.
     */
    static final int INLINE_PASS_THROUGH_BYTES = 8 * 1024 * 1024;
    private final boolean passThroughUrls;
    private final Map<String, FetchPolicy> policies = new ConcurrentHashMap<>();

    /**
     * @param passThroughUrls a provider's URL may be answered as is when the caller asked for
     *                        {@code url} and the bytes needed no change (else every image is
     *                        re-hosted, as provider URLs expire)
     */
    public OutputPipeline(Catalog catalog, MediaFetcher fetcher, Transcoder transcoder, WorkerPool workers,
                          boolean passThroughUrls) {
        this.catalog = catalog;
        this.fetcher = fetcher;
        this.transcoder = transcoder;
        this.workers = workers;
        this.passThroughUrls = passThroughUrls;
    }

    /** The processor for one job's output settings. */
    public ImageProcessor processorFor(ImageJob job) {
        ImageFormat target = job.outputFormat();
        Dim exact = job.exactSize() ? job.size().pixels() : null;
        TranscodeRequest transcode = new TranscodeRequest(target, job.params().outputCompression(),
                exact == null ? null : exact.width(), exact == null ? null : exact.height());
        boolean mayPassThrough = passThroughUrls && job.responseFormat().carriesUrl();
        return new ImageProcessor() {
            @Override
            public Future<List<ProcessedImage>> process(Route route, AdapterResult result, NormalizedSize size) {
                return OutputPipeline.this.process(route, result, transcode, mayPassThrough, null,
                        Promise.<Void>promise().future());
            }

            @Override
            public Future<List<ProcessedImage>> process(Route route, AdapterResult result, NormalizedSize size,
                                                        Instant deadline, Future<Void> abandoned) {
                return OutputPipeline.this.process(route, result, transcode, mayPassThrough, deadline, abandoned);
            }
        };
    }

    /**
     * A preview in the job's output format and exact size, for a streaming caller, on the
     * worker pool. A preview that is not an image fails its future: the caller drops it.
     */
    public Future<ProcessedImage> preview(ImageJob job, byte[] data) {
        Dim exact = job.exactSize() ? job.size().pixels() : null;
        TranscodeRequest request = new TranscodeRequest(job.outputFormat(), job.params().outputCompression(),
                exact == null ? null : exact.width(), exact == null ? null : exact.height());
        return workers.submit(WorkKind.PREVIEW, () -> transcoder.transcode(data, request))
                .map(t -> new ProcessedImage(t.data(), t.format(), new Dim(t.width(), t.height()), null, null,
                        t.resizeFactor()));
    }

    private Future<List<ProcessedImage>> process(Route route, AdapterResult result, TranscodeRequest transcode,
                                                 boolean mayPassThrough, Instant deadline, Future<Void> abandoned) {
        if (result.images().isEmpty()) {
            return Future.failedFuture(new ProviderException(ErrorKind.NO_IMAGE, route.provider(), 200,
                    route.provider() + " answered without an image"));
        }
        List<Future<ProcessedImage>> each = new ArrayList<>();
        for (GeneratedImage image : result.images()) {
            // The fetch waits for a turn too: a queue of URLs costs nothing, a queue of fetched images would.
            each.add(workers.inTurn(WorkerPool.Turn.START, () -> bytesOf(route, image, deadline, abandoned)
                            .compose(bytes -> finish(route, bytes, transcode)))
                    .map(t -> new ProcessedImage(t.data(), t.format(), new Dim(t.width(), t.height()),
                            image.revisedPrompt(),
                            mayPassThrough && t.untouched() && image instanceof GeneratedImage.Url u ? u.url() : null,
                            t.resizeFactor())));
        }
        return Future.all(each).map(all -> {
            List<ProcessedImage> out = new ArrayList<>();
            for (int i = 0; i < each.size(); i++) {
                out.add(all.resultAt(i));
            }
            return out;
        });
    }

    private Future<byte[]> bytesOf(Route route, GeneratedImage image, Instant deadline, Future<Void> abandoned) {
        if (image instanceof GeneratedImage.Bytes b) {
            return Future.succeededFuture(b.data());
        }
        GeneratedImage.Url u = (GeneratedImage.Url) image;
        return fetcher.fetch(u.url(), policyFor(route.provider()), deadline, abandoned).map(f -> f.data());
    }

    /**
     * Bytes already in the asked format and size only need their header read, which costs less
     * than the hop to a worker and back; everything else is transcoded on a worker.
     */
    private Future<TranscodeResult> finish(Route route, byte[] bytes, TranscodeRequest request) {
        if (bytes.length <= INLINE_PASS_THROUGH_BYTES) {
            try {
                TranscodeResult same = transcoder.passThrough(bytes, request);
                if (same != null) {
                    return Future.succeededFuture(same);
                }
            } catch (MediaException e) {
                return Future.failedFuture(unusable(route, e));
            }
        }
        return workers.run(WorkKind.TRANSCODE, () -> transcode(route, bytes, request));
    }

    private TranscodeResult transcode(Route route, byte[] bytes, TranscodeRequest request) {
        try {
            return transcoder.transcode(bytes, request);
        } catch (MediaException e) {
            throw unusable(route, e);
        }
    }

    /** Bytes a provider calls an image but that are not one: retryable on another route. */
    private static ProviderException unusable(Route route, MediaException e) {
        return new ProviderException(ErrorKind.INVALID_IMAGE, route.provider(), 200,
                route.provider() + " returned an unusable image (" + e.reason().name().toLowerCase() + ")", null, e);
    }

    private FetchPolicy policyFor(String providerId) {
        return policies.computeIfAbsent(providerId, id -> {
            ProviderConfig config = catalog.provider(id).config();
            Set<String> trusted = new LinkedHashSet<>(config.mediaHosts());
            if (config.baseHostAndPort() != null) {
                trusted.add(config.baseHostAndPort());
            }
            return new FetchPolicy(id, Set.copyOf(trusted));
        });
    }
}

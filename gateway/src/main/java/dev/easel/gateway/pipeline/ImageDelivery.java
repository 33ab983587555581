package dev.easel.gateway.pipeline;

import dev.easel.adapter.Warning;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.ProcessedImage;
import dev.easel.gateway.routing.Attempt;
import dev.easel.gateway.routing.ImageJobResult;
import dev.easel.storage.ImageObject;
import dev.easel.storage.ImageStore;
import dev.easel.storage.StorageException;
import dev.easel.storage.StoredImage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Writes OpenAI's {@code ImagesResponse} for a generation: images hosted in the
 * {@link ImageStore} for {@code url}, base64 for {@code b64_json}, both when the caller named
 * neither, plus Easel's {@code metadata}. Hosting happens here; writing the answer (one JSON,
 * or events) is {@link ImagesResponseWriter}'s and {@link ImageEventWriter}'s, on the worker pool.
 */
public final class ImageDelivery {

    private final Vertx vertx;
    private final ImageStore store;
    private final WorkerPool workers;
    private final Clock clock;

    public ImageDelivery(Vertx vertx, ImageStore store, WorkerPool workers, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * The {@code ImagesResponse}, hosted first when it carries URLs; its base64 is written as
     * it is sent ({@link ImagesBody}), so only the small JSON around the images is rendered here.
     */
    public Future<ImagesBody> deliver(ImageJobResult g, ImageJob job, String requestId) {
        return host(g, job, requestId).map(ImagesResponseWriter::body);
    }

    /**
     * The images ready to be written in any shape: hosted in the store first when the caller
     * asked for {@code url}. The answer itself is written by {@link ImagesResponseWriter} or
     * {@link ImageEventWriter}.
     */
    public Future<DeliveredImages> host(ImageJobResult g, ImageJob job, String requestId) {
        long created = clock.instant().getEpochSecond();
        if (!job.responseFormat().carriesUrl()) {
            return Future.succeededFuture(new DeliveredImages(g, job, null, created));
        }
        List<Future<String>> urls = new ArrayList<>();
        for (int i = 0; i < g.images().size(); i++) {
            ProcessedImage image = g.images().get(i);
            if (image.passThroughUrl() != null) {
                urls.add(Future.succeededFuture(image.passThroughUrl()));
                continue;
            }
            ImageObject object = new ImageObject(requestId, i, image.format().extension(), image.format().mediaType(),
                    image.data(), clock.instant());
            urls.add(Future.fromCompletionStage(store.put(object), vertx.getOrCreateContext())
                    .map(StoredImage::url)
                    .recover(e -> Future.failedFuture(ApiErrors.storageFailed("The image was generated but could not be stored: " + rootMessage(e)))));
        }
        return Future.all(urls).map(all -> {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                list.add(all.resultAt(i));
            }
            return new DeliveredImages(g, job, list, created);
        });
    }

    /** Only StorageException messages are written to be shown; anything else stays in the logs. */
    private static String rootMessage(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof StorageException ? t.getMessage() : "the image store failed (" + t.getClass().getSimpleName() + ")";
    }

    static JsonObject metadata(ImageJobResult g, ImageJob job) {
        JsonArray attempts = new JsonArray();
        for (Attempt a : g.attempts()) {
            attempts.add(new JsonObject(a.toMap()));
        }
        JsonArray warnings = new JsonArray();
        for (Warning w : g.warnings()) {
            warnings.add(new JsonObject(w.toMap()));
        }
        ProcessedImage first = g.images().get(0);
        JsonObject normalization = new JsonObject()
                .put("requested", describe(job.size()))
                .put("sent", g.normalization().sent().toString())
                .put("expected", g.normalization().expected() == null ? null : g.normalization().expected().toString())
                .put("delivered", first.dims().toString())
                .put("size_mode", job.exactSize() ? "exact" : "native");
        if (first.resizeFactor() != null) {
            normalization.put("resized", true).put("resize_factor", Math.round(first.resizeFactor() * 10000) / 10000.0);
        } else {
            normalization.put("resized", false);
        }
        JsonObject meta = new JsonObject()
                .put("model", g.route().modelId())
                .put("provider", g.route().provider())
                .put("provider_model", g.route().providerModel())
                .put("cost", new JsonObject().put("amount", g.cost().stripTrailingZeros()).put("currency", "USD"))
                .put("attempts", attempts)
                .put("normalization", normalization)
                .put("warnings", warnings);
        if (g.mask() != null) {
            meta.put("mask", new JsonObject(g.mask().toMap()));
        }
        return meta;
    }

    /** The user's request in one string: {@code 1920x1080}, {@code 16:9}, {@code 16:9@2K}, {@code auto}. */
    static String describe(RequestedSize size) {
        if (size.pixels() != null) {
            return size.pixels().toString();
        }
        if (size.isAuto()) {
            return "auto";
        }
        String ratio = size.ratio() == null ? "" : size.ratio().toString();
        String res = size.resolution() == null ? "" : size.resolution().label();
        return ratio.isEmpty() ? res : res.isEmpty() ? ratio : ratio + "@" + res;
    }

}

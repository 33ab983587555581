package dev.easel.gateway.pipeline;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.EditSupport;
import dev.easel.gateway.catalog.MaskConvention;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.InputPreparer;
import dev.easel.gateway.job.MaskReport;
import dev.easel.gateway.job.PreparedInputs;
import dev.easel.media.ImageBytes;
import dev.easel.media.InputImages;
import dev.easel.media.MediaException;
import dev.easel.media.Masks;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes an edit's images right for one route on the worker pool: each scaled into the route's
 * pixel budget and converted to a format it takes, the mask turned into the route's
 * convention at the size of the first image as sent (providers check that they match).
 */
public final class EditInputPreparer implements InputPreparer {

    private final WorkerPool workers;
    private final InputImages inputs;
    private final Masks masks;

    public EditInputPreparer(WorkerPool workers, long maxPixels) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.inputs = new InputImages(maxPixels);
        this.masks = new Masks(maxPixels);
    }

    @Override
    public Future<PreparedInputs> prepare(ImageJob job, Route route) {
        if (job.operation() != Operation.EDIT) {
            return Future.succeededFuture(PreparedInputs.NONE);
        }
        if (!route.edits()) {
            return Future.failedFuture(new IllegalStateException(route.slug() + " does not edit"));
        }
        return workers.submit(WorkKind.PREPARE_EDIT_INPUT, () -> prepareNow(job, route.edit()));
    }

    private PreparedInputs prepareNow(ImageJob job, EditSupport edit) {
        List<InputImage> images = new ArrayList<>();
        ImageBytes first = null;
        for (int i = 0; i < job.inputs().size(); i++) {
            ImageBytes fitted;
            try {
                fitted = inputs.fit(inputs.load(job.inputs().get(i).data()), edit.maxInputPixels(), edit.inputFormats());
            } catch (MediaException e) {
                // The parser already read every input; this is a body that decodes no further than its header.
                throw ApiErrors.invalid(i == 0 && job.inputs().size() == 1 ? "image" : "image[" + i + "]",
                        "Input image " + i + " could not be read (" + e.reason().name().toLowerCase() + ").");
            }
            first = first == null ? fitted : first;
            images.add(new InputImage(fitted.data(), fitted.format().mediaType()));
        }
        if (job.mask() == null) {
            return new PreparedInputs(images, null, null);
        }
        Masks.Converted converted;
        try {
            converted = masks.convert(job.mask().data(), edit.mask() == MaskConvention.ALPHA, first.width(), first.height());
        } catch (MediaException e) {
            throw ApiErrors.invalid("mask", "The mask could not be read (" + e.reason().name().toLowerCase() + ").");
        }
        MaskReport report = new MaskReport(converted.receivedAlpha() ? MaskConvention.ALPHA : MaskConvention.LUMINANCE,
                edit.mask(), converted.resized());
        return new PreparedInputs(images, new InputImage(converted.png(), "image/png"), report);
    }
}

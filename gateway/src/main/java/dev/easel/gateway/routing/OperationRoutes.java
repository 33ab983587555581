package dev.easel.gateway.routing;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.adapter.Operation;
import dev.easel.adapter.Warning;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.ModelEntry;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the routes that can perform a job's operation: generations go to routes that
 * generate; edits to routes with an {@code edit:} block that take this many images and this
 * mask. A route that edits but cannot take this request is skipped with a warning, so a
 * request that only one provider can serve still gets served; when none is left the answer
 * names the part of the request at fault.
 */
final class OperationRoutes {

    private OperationRoutes() {
    }

    record Selection(List<Route> routes, List<Warning> warnings) {
    }

    static Selection select(ImageJob job, ModelEntry model, List<Route> routes, Catalog catalog) {
        if (job.operation() == Operation.GENERATE) {
            List<Route> generating = routes.stream().filter(Route::generates).toList();
            if (generating.isEmpty()) {
                throw ApiErrors.invalid("model", "'" + model.id() + "' only edits images: send it to "
                        + "POST /v1/images/edits, or choose a model that generates (GET /v1/models).");
            }
            return new Selection(generating, List.of());
        }
        if (model.routes().stream().noneMatch(Route::edits)) {
            throw ApiErrors.invalid("model", "'" + model.id() + "' does not edit images. Models that edit: "
                    + String.join(", ", editingModels(catalog)) + ".");
        }
        List<Route> usable = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        int images = job.inputs().size();
        boolean tooMany = false;
        boolean maskRefused = false;
        for (Route r : routes) {
            if (!r.edits()) {
                continue;
            }
            if (images > r.edit().maxInputImages()) {
                tooMany = true;
                warnings.add(new Warning("route_skipped", "image", r.slug() + " takes at most "
                        + r.edit().maxInputImages() + " input image(s); " + images + " were sent"));
            } else if (job.mask() != null && !r.edit().takesMask()) {
                maskRefused = true;
                warnings.add(new Warning("route_skipped", "mask", r.slug() + " takes no mask"));
            } else {
                usable.add(r);
            }
        }
        if (usable.isEmpty()) {
            if (tooMany) {
                int most = routes.stream().filter(Route::edits).mapToInt(r -> r.edit().maxInputImages()).max().orElse(1);
                throw ApiErrors.invalid("image", images + " input images were sent, but '" + job.model()
                        + "' takes at most " + most + " on the routes available.");
            }
            if (maskRefused) {
                throw ApiErrors.invalid("mask", "'" + job.model() + "' takes no mask on the routes available;"
                        + " send the edit without 'mask' or choose a model that inpaints (e.g. flux-fill-pro).");
            }
            throw ApiErrors.invalid("model", "No route of '" + job.model() + "' edits images.");
        }
        return new Selection(usable, warnings);
    }

    /**
     * Refuses an edit of a model that never edits before anything else is said about it (for
     * instance that its provider has no key): the caller's mistake is the model, not the setup.
     */
    static void checkModel(ImageJob job, Catalog catalog) {
        if (job.operation() != Operation.EDIT) {
            return;
        }
        String id = job.model();
        ModelEntry entry = catalog.models().get(id);
        if (entry == null && id.indexOf('/') > 0) {
            entry = catalog.models().get(id.substring(id.indexOf('/') + 1));
        }
        if (entry != null && entry.routes().stream().noneMatch(Route::edits)) {
            throw ApiErrors.invalid("model", "'" + entry.id() + "' does not edit images. Models that edit: "
                    + String.join(", ", editingModels(catalog)) + ".");
        }
    }

    static List<String> editingModels(Catalog catalog) {
        return catalog.allModels().stream().filter(m -> m.routes().stream().anyMatch(Route::edits))
                .map(ModelEntry::id).toList();
    }
}

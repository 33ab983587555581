package dev.easel.adapter.fal;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.EditChecks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The image fields of fal's edit apps (provider-edits.md section 3), each image a data URI:
 * fal's runner fetches URLs without auth, so a gateway behind a firewall cannot hand out its
 * own, and fal's CDN upload would be one more round trip and one more place the image lives.
 * Pure.
 */
final class FalEdits {

    /** fal-ai/flux-2-pro/edit documents up to 9 reference images, nano-banana/edit 10. */
    static final int FLUX_2_MAX = 9;
    static final int NANO_BANANA_MAX = 10;
    /** Another {@code .../edit} app: as many as Easel takes; the catalog's max_input_images says less. */
    static final int OTHER_EDIT_MAX = 16;

    /** How one app takes its images. */
    enum Shape {
        /** {@code image_url}: one image (FLUX Kontext). */
        ONE_IMAGE,
        /** {@code image_urls}: a list (FLUX.2 edit, nano-banana edit). */
        IMAGE_LIST,
        /** {@code image_url} and {@code mask_url}, white = fill (FLUX fill). */
        FILL
    }

    private FalEdits() {
    }

    static Shape shape(String model, String provider) {
        if (model.endsWith("/fill")) {
            return Shape.FILL;
        }
        if (model.endsWith("/edit")) {
            return Shape.IMAGE_LIST;
        }
        if (model.contains("/kontext") && !model.contains("text-to-image")) {
            return Shape.ONE_IMAGE;
        }
        throw EditChecks.notAnEditModel(provider, model);
    }

    /** Adds the images (and mask) to {@code body} and drops the size fields the app does not take. */
    static void put(AdapterRequest request, String provider, JsonObject body, List<Warning> warnings) {
        String model = request.providerModel();
        Shape shape = shape(model, provider);
        List<InputImage> inputs = request.inputs();
        switch (shape) {
            case ONE_IMAGE -> {
                EditChecks.require(request, provider, 1, false);
                body.put("image_url", inputs.get(0).dataUri());
            }
            case IMAGE_LIST -> {
                int max = model.contains("nano-banana") ? NANO_BANANA_MAX
                        : model.contains("flux-2") ? FLUX_2_MAX : OTHER_EDIT_MAX;
                EditChecks.require(request, provider, max, false);
                JsonArray urls = new JsonArray();
                inputs.forEach(image -> urls.add(image.dataUri()));
                body.put("image_urls", urls);
            }
            case FILL -> {
                EditChecks.require(request, provider, 1, true);
                if (request.mask() == null) {
                    throw new ProviderException(ErrorKind.INVALID_REQUEST, provider, 0,
                            provider + ": '" + model + "' fills the area of a mask; send one");
                }
                body.put("image_url", inputs.get(0).dataUri());
                body.put("mask_url", request.mask().dataUri());
                // Fill keeps the input's size and has no size field.
                Object removed = body.remove("image_size");
                body.remove("aspect_ratio");
                if (removed != null) {
                    warnings.add(new Warning("size_ignored", "size",
                            "FLUX fill keeps the input image's size; the size was not sent"));
                }
            }
        }
    }
}

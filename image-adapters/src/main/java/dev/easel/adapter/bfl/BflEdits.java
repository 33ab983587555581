package dev.easel.adapter.bfl;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.EditChecks;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/**
 * The image fields of BFL's edit endpoints (provider-edits.md section 5), each image bare
 * base64 (whether a {@code data:} prefix is accepted is not documented). Pure.
 *
 * <p>The field names matter more than anywhere else: BFL ignores unknown keys, so a
 * misnamed image field would silently be a text-to-image request.
 */
final class BflEdits {

    /** Kontext: {@code input_image}, then {@code input_image_2}..{@code _4} (multi-reference). */
    static final int KONTEXT_MAX = 4;
    /** FLUX.2: {@code input_image}, then {@code input_image_2}..{@code _8}. */
    static final int FLUX_2_MAX = 8;

    private BflEdits() {
    }

    /** Adds the images (and mask) to {@code body}; drops size fields the endpoint does not take. */
    static void put(AdapterRequest request, String provider, JsonObject body, List<Warning> warnings) {
        String model = request.providerModel();
        if (model.contains("fill")) {
            EditChecks.require(request, provider, 1, true);
            // "image" and "mask", white = inpaint; with no mask BFL reads the image's alpha.
            body.put("image", base64(request.inputs().get(0).data()));
            if (request.mask() != null) {
                body.put("mask", base64(request.mask().data()));
            }
            boolean sized = body.remove("width") != null;
            body.remove("height");
            body.remove("aspect_ratio");
            if (sized) {
                warnings.add(new Warning("size_ignored", "size",
                        "FLUX fill keeps the input image's size; the size was not sent"));
            }
            return;
        }
        int max;
        if (model.contains("kontext")) {
            max = KONTEXT_MAX;
        } else if (model.contains("flux-2")) {
            max = FLUX_2_MAX;
        } else {
            throw EditChecks.notAnEditModel(provider, model);
        }
        EditChecks.require(request, provider, max, false);
        for (int i = 0; i < request.inputs().size(); i++) {
            body.put(field(i), base64(request.inputs().get(i).data()));
        }
    }

    /** {@code input_image} for the first image, {@code input_image_2} for the second, and so on. */
    static String field(int index) {
        return index == 0 ? "input_image" : "input_image_" + (index + 1);
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}

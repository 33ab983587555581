package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.EditChecks;
import dev.easel.adapter.http.FormBodies;
import dev.easel.adapter.http.FormFile;
import dev.easel.adapter.http.MappedForm;
import dev.easel.adapter.http.MappedRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an edit into the multipart form of {@code POST /images/edits} (provider-edits.md
 * section 1). The fields are those of a generation, as form values, minus {@code moderation}
 * (not an edits field) plus {@code input_fidelity}; the images are file parts with their own
 * content type. Pure.
 */
final class OpenAiEditMapper {

    /** GPT image models take up to 16 images per edit. */
    static final int MAX_IMAGES = 16;

    private OpenAiEditMapper() {
    }

    static MappedForm map(AdapterRequest request, String providerId) {
        String model = request.providerModel();
        if (model.equals("dall-e-3")) {
            throw EditChecks.notAnEditModel(providerId, model);
        }
        boolean gpt = OpenAiRequestMapper.isGptImage(model);
        EditChecks.require(request, providerId, gpt ? MAX_IMAGES : 1, true);

        MappedRequest generation = OpenAiRequestMapper.map(request, providerId);
        JsonObject body = generation.body().copy();
        List<Warning> warnings = new ArrayList<>(generation.warnings());
        if (body.remove("moderation") != null) {
            warnings.add(new Warning("unsupported_parameter", "moderation",
                    "OpenAI's edits take no moderation field; it was not sent"));
        }
        String fidelity = request.params().inputFidelity();
        if (fidelity != null) {
            // gpt-image-1-mini and dall-e-2 refuse the field.
            if (gpt && !model.startsWith("gpt-image-1-mini")) {
                body.put("input_fidelity", fidelity);
            } else {
                warnings.add(Warning.unsupported("input_fidelity", model));
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : body) {
            if (entry.getValue() != null) {
                fields.put(entry.getKey(), FormBodies.value(entry.getValue()));
            }
        }
        List<FormFile> files = new ArrayList<>();
        List<InputImage> inputs = request.inputs();
        if (inputs.size() == 1) {
            files.add(FormFile.of("image", "image", inputs.get(0)));
        } else {
            // What openai-node sends for an array, and what OpenAI's curl examples use.
            for (int i = 0; i < inputs.size(); i++) {
                files.add(FormFile.of("image[]", "image-" + i, inputs.get(i)));
            }
        }
        if (request.mask() != null) {
            files.add(FormFile.of("mask", "mask", request.mask()));
        }
        return new MappedForm(fields, files, warnings, generation.mediaType());
    }
}

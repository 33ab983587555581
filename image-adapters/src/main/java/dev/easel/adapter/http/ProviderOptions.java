package dev.easel.adapter.http;

import dev.easel.adapter.Warning;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user's {@code provider_options} added to an upstream body. They only add: a key Easel
 * wrote keeps Easel's value, and a key Easel maps for some provider is never taken from
 * them even when Easel left it out of this request. Otherwise {@code num_images},
 * {@code prompt} or {@code image_size} in provider_options would go past the prompt limit,
 * the size normalization and {@code n}, while {@code metadata.cost} counted what Easel
 * validated.
 *
 * <p>Objects merge key by key with the same rule: provider_options
 * {@code {"generationConfig": {"temperature": 0.4}}} adds to the generationConfig Easel
 * wrote for Gemini without touching its aspect ratio. Each refused key becomes a warning.
 */
public final class ProviderOptions {

    /**
     * Fields Easel maps from its own validated request for at least one provider (the
     * prompt, the image count, the size, the model, the output): at any depth of the body,
     * provider_options never set them.
     */
    static final Set<String> EASEL_FIELDS = Set.of(
            "prompt",
            "n", "num_images", "num_outputs", "samples", "candidateCount", "sampleCount", "batch_size",
            "size", "image_size", "width", "height", "aspect_ratio", "aspectRatio", "resolution", "megapixels",
            "imageSize", "response_format", "output_format", "output_compression", "output_quality",
            "seed", "negative_prompt", "quality", "style", "background", "moderation", "user",
            // an edit's images and mask: validated, counted and converted by Easel, never added
            "image", "mask", "image_url", "image_urls", "mask_url", "input_image", "input_images", "image_input",
            "input_image_2", "input_image_3", "input_image_4", "input_image_5", "input_image_6", "input_image_7",
            "input_image_8", "input_fidelity");

    private ProviderOptions() {
    }

    /** Adds {@code options} to {@code body} and returns {@code body}; refused keys are dropped silently. */
    public static JsonObject merge(JsonObject body, Map<String, Object> options) {
        return merge(body, options, new ArrayList<>());
    }

    /**
     * Adds {@code options} to {@code body} and returns {@code body}; each refused key adds
     * a warning to {@code warnings}, naming it as {@code provider_options.<path>}.
     */
    public static JsonObject merge(JsonObject body, Map<String, Object> options, List<Warning> warnings) {
        if (options != null && !options.isEmpty()) {
            // A deep copy: the body must not share (and later mutate) the caller's maps.
            add(body, new JsonObject(options).copy(), "provider_options", warnings);
        }
        return body;
    }

    /**
     * For flat bodies (form fields): the options that may be added to {@code written}, in
     * order, values as given. A null value is refused like any key Easel wrote: it would
     * remove a field, not add one.
     */
    public static Map<String, Object> addable(Set<String> written, Map<String, Object> options, List<Warning> warnings) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (options == null) {
            return out;
        }
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String key = option.getKey();
            if (written.contains(key) || EASEL_FIELDS.contains(key) || option.getValue() == null) {
                warnings.add(refused("provider_options." + key));
            } else {
                out.put(key, option.getValue());
            }
        }
        return out;
    }

    private static void add(JsonObject target, JsonObject extra, String path, List<Warning> warnings) {
        for (Map.Entry<String, Object> entry : extra) {
            String key = entry.getKey();
            String at = path + "." + key;
            Object mine = target.getValue(key);
            if (mine instanceof JsonObject ours && entry.getValue() instanceof JsonObject theirs) {
                add(ours, theirs, at, warnings);
            } else if (target.containsKey(key) || EASEL_FIELDS.contains(key)) {
                warnings.add(refused(at));
            } else {
                target.put(key, entry.getValue());
            }
        }
    }

    private static Warning refused(String param) {
        return new Warning("provider_option_ignored", param,
                "'" + param + "' is set by Easel from the validated request and cannot be overridden");
    }
}

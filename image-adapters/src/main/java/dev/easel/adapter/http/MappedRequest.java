package dev.easel.adapter.http;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an adapter's pure request mapper produces: the upstream JSON body and the fields it
 * could not honour (reported as warnings, never sent upstream).
 *
 * @param mediaType what inline images in the answer will be when the answer does not say
 *                  (the format Easel asked for); null when unknown or not needed
 */
public record MappedRequest(JsonObject body, List<Warning> warnings, String mediaType) {

    public MappedRequest {
        Objects.requireNonNull(body, "body");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public MappedRequest(JsonObject body, List<Warning> warnings) {
        this(body, warnings, null);
    }

    /** The result with this request's warnings in front of any the response added. */
    public AdapterResult withWarnings(AdapterResult result) {
        if (warnings.isEmpty()) {
            return result;
        }
        List<Warning> all = new ArrayList<>(warnings);
        all.addAll(result.warnings());
        return new AdapterResult(result.images(), all, result.usage(), result.metadata());
    }

    /**
     * Warnings for the optional fields present in {@code request} that the provider has no
     * equivalent for. The gateway normally drops them before the adapter (the route does not
     * list them), so this is the adapter's own guard against a catalog that says otherwise.
     */
    public static List<Warning> unhonoured(AdapterRequest request, String provider, Set<OptionalParam> honoured) {
        List<Warning> warnings = new ArrayList<>();
        for (OptionalParam param : request.params().present()) {
            if (!honoured.contains(param)) {
                warnings.add(Warning.unsupported(param.wireName(), provider));
            }
        }
        return warnings;
    }
}

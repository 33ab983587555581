package dev.easel.gateway.http;

import dev.easel.adapter.Capabilities;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.size.SizeStyles;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.EditSupport;
import dev.easel.media.ImageFormat;
import dev.easel.gateway.catalog.ModelEntry;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.catalog.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /v1/models} (OpenAI's list shape: one entry per model and per pinned slug) and
 * {@code GET /v1/models/{id}} with every route's capabilities, configuration and health.
 */
final class ModelsHandler {

    private final Catalog catalog;
    private final Function<Route, Map<String, Object>> health;
    private final long created;

    ModelsHandler(Catalog catalog, Function<Route, Map<String, Object>> health, long created) {
        this.catalog = catalog;
        this.health = health;
        this.created = created;
    }

    void list(RoutingContext ctx) {
        JsonArray data = new JsonArray();
        for (ModelEntry m : catalog.allModels()) {
            boolean any = m.routes().stream().anyMatch(r -> catalog.provider(r.provider()).configured());
            data.add(entry(m.id(), "easel").put("configured", any));
            for (Route r : m.routes()) {
                data.add(entry(r.slug(), r.provider()).put("configured", catalog.provider(r.provider()).configured()));
            }
        }
        json(ctx, new JsonObject().put("object", "list").put("data", data));
    }

    void one(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        ModelEntry model = catalog.models().get(id);
        List<Route> routes;
        if (model != null) {
            routes = model.routes();
        } else {
            int slash = id.indexOf('/');
            ModelEntry m = slash > 0 ? catalog.models().get(id.substring(slash + 1)) : null;
            routes = m == null ? List.of() : m.routes().stream().filter(r -> r.provider().equals(id.substring(0, slash))).toList();
            if (routes.isEmpty()) {
                throw ApiErrors.modelNotFound("The model '" + id + "' does not exist; GET /v1/models lists every model.");
            }
            model = m;
        }
        JsonArray out = new JsonArray();
        for (Route r : routes) {
            out.add(route(r));
        }
        json(ctx, entry(id, routes.size() == 1 && model.routes().size() > 1 ? routes.get(0).provider() : "easel")
                .put("description", model.description())
                .put("configured", routes.stream().anyMatch(r -> catalog.provider(r.provider()).configured()))
                .put("routes", out));
    }

    private JsonObject route(Route r) {
        Provider p = catalog.provider(r.provider());
        JsonObject json = new JsonObject()
                .put("slug", r.slug())
                .put("provider", r.provider())
                .put("provider_model", r.providerModel())
                .put("priority", r.priority())
                .put("weight", r.weight())
                .put("price_per_image", r.pricePerImage())
                .put("configured", p.configured())
                .put("capabilities", capabilities(r));
        if (!p.configured() && p.keyVariable() != null) {
            json.put("not_configured_reason", "set " + p.keyVariable());
        }
        json.put("health", new JsonObject(health.apply(r)));
        return json;
    }

    /** The route's capabilities plus what it does: generate, edit, or both, and how it edits. */
    static JsonObject capabilities(Route r) {
        JsonArray operations = new JsonArray();
        if (r.generates()) {
            operations.add("generate");
        }
        JsonObject json = capabilities(r.capabilities());
        if (r.edits()) {
            operations.add("edit");
            EditSupport e = r.edit();
            JsonObject edit = new JsonObject()
                    .put("max_input_images", e.maxInputImages())
                    .put("mask", e.mask().wireName())
                    .put("input_formats", new JsonArray(e.inputFormats().stream().map(ImageFormat::extension).sorted().toList()))
                    .put("max_input_pixels", e.maxInputPixels());
            if (e.size() != null) {
                edit.put("size", new JsonObject(SizeStyles.toMap(e.size())));
            }
            json.put("edit", edit);
        }
        return json.put("operations", operations);
    }

    static JsonObject capabilities(Capabilities c) {
        return new JsonObject()
                .put("size", new JsonObject(SizeStyles.toMap(c.size())))
                .put("max_images_per_call", c.maxImagesPerCall())
                .put("output_formats", new JsonArray(c.outputFormats()))
                .put("emulated_output_formats", new JsonArray(List.of("png", "jpeg", "webp")))
                .put("parameters", new JsonArray(c.parameters().stream().map(OptionalParam::wireName).sorted().toList()));
    }

    private JsonObject entry(String id, String owner) {
        return new JsonObject().put("id", id).put("object", "model").put("created", created).put("owned_by", owner);
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("content-type", "application/json").end(body.toBuffer());
    }
}

package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.PartialImage;
import dev.easel.adapter.PartialImages;
import dev.easel.adapter.Warning;
import dev.easel.gateway.catalog.Route;
import java.util.List;

/**
 * Previews for one upstream call: the request's sink, shifted so that image {@code i} of a
 * call that makes images {@code first..} of the answer reaches it as {@code first + i}; or,
 * on a route that cannot stream previews, none and a warning saying so.
 */
record Previews(PartialImages partials, List<Warning> warnings) {

    static Previews forCall(PartialImages asked, ImageAdapter adapter, Route route, int first) {
        if (!asked.wanted()) {
            return new Previews(PartialImages.NONE, List.of());
        }
        if (!adapter.streamsPartials(route.providerModel())) {
            return new Previews(PartialImages.NONE, List.of(new Warning("partial_images_unavailable", "partial_images",
                    route.slug() + " cannot stream partial images; only the completed images are sent")));
        }
        return new Previews(new PartialImages(asked.count(), p -> asked.sink().accept(
                new PartialImage(first + p.imageIndex(), p.partialIndex(), p.data(), p.mediaType()))), List.of());
    }

    AdapterRequest apply(AdapterRequest request) {
        return partials.wanted() ? request.withPartials(partials) : request;
    }
}

package dev.easel.gateway.routing;

import dev.easel.adapter.Capabilities;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.UpstreamSize;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.ModelEntry;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.media.ImageFormat;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Catalog pieces for routing tests: size style {@code any}, so size normalization is stubbed out. */
final class Fixtures {

    static final SizeStyle ANY = new SizeStyle.AnySize(64, 4096, new Dim(1024, 1024));

    /** Stands in for SizeNormalizer: always 1024x1024, with a warning naming the style, to check plumbing. */
    static final BiFunction<RequestedSize, SizeStyle, NormalizedSize> NORMALIZER = (requested, style) ->
            new NormalizedSize(new UpstreamSize.Pixels(new Dim(1024, 1024)), new Dim(1024, 1024), List.of());

    private Fixtures() {
    }

    static Route route(String provider, String model, int priority, int weight, String price, int maxImages) {
        return new Route(model, provider, provider + "-" + model, priority, weight, new BigDecimal(price),
                new Capabilities(ANY, maxImages, List.of("png"), Set.of(OptionalParam.SEED)));
    }

    static Route route(String provider, String model, int priority, int weight) {
        return route(provider, model, priority, weight, "0.01", 4);
    }

    static Provider provider(String id, boolean configured) {
        String var = id.toUpperCase() + "_KEY";
        return new Provider(new ProviderConfig(id, id, "https://" + id + ".example", configured ? "k" : "", List.of(),
                null, Duration.ofSeconds(60), Map.of()), var, configured);
    }

    /** A catalog with one model per entry; every provider named by a route is configured unless listed. */
    static Catalog catalog(Map<String, List<Route>> models, String... unconfigured) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        Map<String, ModelEntry> entries = new LinkedHashMap<>();
        Set<String> off = Set.of(unconfigured);
        models.forEach((id, routes) -> {
            entries.put(id, new ModelEntry(id, null, routes));
            routes.forEach(r -> providers.put(r.provider(), provider(r.provider(), !off.contains(r.provider()))));
        });
        return new Catalog(models.keySet().iterator().next(), providers, entries);
    }

    static ImageJob request(String model, int n) {
        return ImageJob.generate("a red fox", model, n, RequestedSize.AUTO, false,
                ImageJob.ResponseFormat.B64_JSON, ImageFormat.PNG,
                new OptionalParams(null, null, null, null, null, null, 7L, null), null);
    }
}

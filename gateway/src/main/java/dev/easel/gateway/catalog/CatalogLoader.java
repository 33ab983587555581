package dev.easel.gateway.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.PollSettings;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.SizeStyles;
import dev.easel.media.ImageFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code model-catalog.yaml}: interpolates {@code ${VAR}} / {@code ${VAR:-default}},
 * then validates everything at once-per-key, failing with the first problem named by its
 * key path (or line, for YAML syntax errors and duplicate keys).
 */
public final class CatalogLoader {

    private static final Set<String> TOP_KEYS = Set.of("default_model", "providers", "models", "sizes");
    /**
     * A media_hosts entry: a name or {@code *.domain}, an IPv4 address, or a bracketed IPv6
     * address, each with an optional {@code :port}; or a bare IPv6 address.
     */
    private static final Pattern MEDIA_HOST = Pattern.compile(
            "(?:(?:\\*\\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\\.?|\\[[0-9A-Fa-f:.]+])"
                    + "(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
                    + "|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Set<String> PROVIDER_KEYS = Set.of("adapter", "base_url", "api_key", "media_hosts", "poll",
            "timeout_s", "options");
    private static final Set<String> MODEL_KEYS = Set.of("description", "routes");
    private static final Set<String> ROUTE_KEYS = Set.of("provider", "model", "priority", "weight", "price_per_image",
            "max_images", "formats", "params", "size", "generate", "edit", "max_concurrency");
    private static final Set<String> EDIT_KEYS = Set.of("model", "max_input_images", "mask", "size", "max_input_pixels",
            "input_formats");
    /** The API names of the formats Easel delivers, which are the ones a route may produce natively. */
    private static final List<String> FORMATS = Arrays.stream(ImageFormat.values()).map(ImageFormat::extension).toList();

    /** Shared with /v1/models so capabilities are served in the same shape they are written. */
    public static final ObjectMapper SNAKE_CASE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, ImageAdapterFactory> factories;
    private final Function<String, String> env;
    private final Duration defaultTimeout;

    public CatalogLoader(Map<String, ImageAdapterFactory> factories, Function<String, String> env, Duration defaultTimeout) {
        this.factories = Map.copyOf(factories);
        this.env = env;
        this.defaultTimeout = defaultTimeout;
    }

    public Catalog load(Path file) {
        return load(CatalogSource.read(file));
    }

    /** Parses the source; a problem is reported with the source's origin in front. */
    public Catalog load(CatalogSource source) {
        try {
            return parse(source.text());
        } catch (CatalogException e) {
            throw new CatalogException(source.origin() + ": " + e.getMessage(), e);
        }
    }

    public Catalog parse(String yaml) {
        JsonNode root;
        try {
            // SnakeYAML rather than Jackson's YAML parser: the catalog shares size tables through
            // anchors and aliases, which Jackson's parser does not expand.
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(200);
            Object tree = new Yaml(new SafeConstructor(options)).load(yaml);
            root = SNAKE_CASE.valueToTree(tree);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ": ";
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new CatalogException(where + context + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new CatalogException("not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogException("the catalog must be a YAML mapping with providers and models");
        }
        checkKeys(root, TOP_KEYS, "");
        Map<String, Provider> providers = providers(object(root, "providers", ""));
        Map<String, ModelEntry> models = models(object(root, "models", ""), providers);
        String defaultModel = text(root.get("default_model"), "default_model");
        if (defaultModel == null) {
            defaultModel = models.keySet().iterator().next();
        } else if (!models.containsKey(defaultModel)) {
            throw new CatalogException("default_model: '" + defaultModel + "' is not one of the models");
        }
        return new Catalog(defaultModel, providers, models);
    }

    private Map<String, Provider> providers(ObjectNode node) {
        Map<String, Provider> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            String path = "providers." + id;
            if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new CatalogException(path + ": provider ids are lowercase letters, digits, '-' and '_'");
            }
            if (!e.getValue().isObject()) {
                throw new CatalogException(path + ": expected a mapping with at least 'adapter'");
            }
            ObjectNode p = (ObjectNode) e.getValue();
            checkKeys(p, PROVIDER_KEYS, path);
            String adapter = text(p.get("adapter"), path + ".adapter");
            if (adapter == null) {
                throw new CatalogException(path + ".adapter: missing");
            }
            ImageAdapterFactory factory = factories.get(adapter);
            if (factory == null) {
                throw new CatalogException(path + ".adapter: unknown adapter '" + adapter + "', expected one of "
                        + factories.keySet().stream().sorted().toList());
            }
            JsonNode rawKey = p.get("api_key");
            String keyVariable = rawKey == null ? null : Interpolation.firstVariable(rawKey.asText());
            String apiKey = interpolated(p, "api_key", path);
            String baseUrl = interpolated(p, "base_url", path);
            if (factory.requiresApiKey() && (baseUrl == null || baseUrl.isBlank())) {
                throw new CatalogException(path + ".base_url: missing");
            }
            if (baseUrl != null && !baseUrl.matches("https?://[^\\s/]+.*")) {
                throw new CatalogException(path + ".base_url: expected an http(s) URL, got '" + baseUrl + "'");
            }
            List<String> mediaHosts = new ArrayList<>();
            JsonNode hosts = p.get("media_hosts");
            if (hosts != null) {
                if (!hosts.isArray()) {
                    throw new CatalogException(path + ".media_hosts: expected a list of host names");
                }
                for (int i = 0; i < hosts.size(); i++) {
                    String host = Interpolation.apply(hosts.get(i).asText(), env, path + ".media_hosts[" + i + "]").trim();
                    if (!MEDIA_HOST.matcher(host).matches()) {
                        throw new CatalogException(path + ".media_hosts[" + i + "]: expected host, *.domain or host:port"
                                + " (port 1-65535), got '" + host + "'");
                    }
                    mediaHosts.add(host);
                }
            }
            PollSettings poll = poll(p.get("poll"), path + ".poll");
            Duration timeout = defaultTimeout;
            if (p.has("timeout_s")) {
                timeout = Duration.ofSeconds(positiveInt(p.get("timeout_s"), path + ".timeout_s", 1));
            }
            Map<String, Object> options = Map.of();
            if (p.has("options")) {
                if (!p.get("options").isObject()) {
                    throw new CatalogException(path + ".options: expected a mapping");
                }
                options = SNAKE_CASE.convertValue(interpolateTree(p.get("options"), path + ".options"), Map.class);
            }
            try {
                factory.checkOptions(options);
            } catch (IllegalArgumentException bad) {
                throw new CatalogException(path + (bad.getMessage().startsWith("options.") ? "." : ": ") + bad.getMessage());
            }
            ProviderConfig config = new ProviderConfig(id, adapter, baseUrl, apiKey, mediaHosts, poll, timeout, options);
            boolean configured = !factory.requiresApiKey() || config.hasApiKey();
            out.put(id, new Provider(config, keyVariable, configured));
        }
        if (out.isEmpty()) {
            throw new CatalogException("providers: at least one provider is needed");
        }
        return out;
    }

    private PollSettings poll(JsonNode node, String path) {
        if (node == null) {
            return PollSettings.DEFAULT;
        }
        if (!node.isObject()) {
            throw new CatalogException(path + ": expected {initial_ms, max_ms, multiplier}");
        }
        checkKeys(node, Set.of("initial_ms", "max_ms", "multiplier"), path);
        try {
            return new PollSettings(
                    Duration.ofMillis(node.has("initial_ms") ? positiveInt(node.get("initial_ms"), path + ".initial_ms", 1)
                            : PollSettings.DEFAULT.initial().toMillis()),
                    Duration.ofMillis(node.has("max_ms") ? positiveInt(node.get("max_ms"), path + ".max_ms", 1)
                            : PollSettings.DEFAULT.max().toMillis()),
                    node.has("multiplier") ? node.get("multiplier").asDouble() : PollSettings.DEFAULT.multiplier());
        } catch (IllegalArgumentException e) {
            throw new CatalogException(path + ": " + e.getMessage());
        }
    }

    private Map<String, ModelEntry> models(ObjectNode node, Map<String, Provider> providers) {
        Map<String, ModelEntry> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            String path = "models." + id;
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new CatalogException(path + ": model ids are letters, digits, '.', '-' and '_' (no '/')");
            }
            if (!e.getValue().isObject()) {
                throw new CatalogException(path + ": expected a mapping with 'routes'");
            }
            checkKeys(e.getValue(), MODEL_KEYS, path);
            JsonNode routes = e.getValue().get("routes");
            if (routes == null || !routes.isArray() || routes.isEmpty()) {
                throw new CatalogException(path + ".routes: expected a non-empty list");
            }
            List<Route> list = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < routes.size(); i++) {
                Route r = route(id, routes.get(i), path + ".routes[" + i + "]", providers);
                if (!seen.add(r.provider())) {
                    throw new CatalogException(path + ".routes[" + i + "].provider: '" + r.provider()
                            + "' appears twice for this model");
                }
                list.add(r);
            }
            out.put(id, new ModelEntry(id, text(e.getValue().get("description"), path + ".description"), list));
        }
        if (out.isEmpty()) {
            throw new CatalogException("models: at least one model is needed");
        }
        return out;
    }

    private Route route(String modelId, JsonNode node, String path, Map<String, Provider> providers) {
        if (!node.isObject()) {
            throw new CatalogException(path + ": expected a mapping");
        }
        checkKeys(node, ROUTE_KEYS, path);
        String provider = text(node.get("provider"), path + ".provider");
        if (provider == null) {
            throw new CatalogException(path + ".provider: missing");
        }
        if (!providers.containsKey(provider)) {
            throw new CatalogException(path + ".provider: '" + provider + "' is not declared under providers");
        }
        String providerModel = interpolated((ObjectNode) node, "model", path);
        if (providerModel == null || providerModel.isBlank()) {
            throw new CatalogException(path + ".model: missing (the provider's own model id)");
        }
        int priority = node.has("priority") ? positiveInt(node.get("priority"), path + ".priority", 0) : 0;
        int weight = node.has("weight") ? positiveInt(node.get("weight"), path + ".weight", 0) : 1;
        JsonNode price = node.get("price_per_image");
        if (price == null || !price.isNumber() || price.decimalValue().signum() < 0) {
            throw new CatalogException(path + ".price_per_image: expected a number >= 0, got "
                    + (price == null ? "nothing" : "'" + price.asText() + "'"));
        }
        int maxImages = node.has("max_images") ? positiveInt(node.get("max_images"), path + ".max_images", 1) : 1;
        List<String> formats = strings(node.get("formats"), path + ".formats");
        for (String f : formats) {
            if (!FORMATS.contains(f)) {
                throw new CatalogException(path + ".formats: '" + f + "' is not one of " + FORMATS);
            }
        }
        Set<OptionalParam> params = params(node, path, provider, modelId, providers.get(provider));
        JsonNode sizeNode = node.get("size");
        if (sizeNode == null || !sizeNode.isObject()) {
            throw new CatalogException(path + ".size: missing (how this route takes its size; see README)");
        }
        SizeStyle size;
        try {
            SizeStyleErrors.checkStyle(sizeNode);
            size = SizeStyles.fromMap(SNAKE_CASE.convertValue(sizeNode, Map.class));
        } catch (IllegalArgumentException e) {
            throw new CatalogException(path + ".size" + SizeStyleErrors.describe(e));
        }
        BigDecimal pricePerImage = price.decimalValue();
        boolean generates = true;
        if (node.has("generate")) {
            if (!node.get("generate").isBoolean()) {
                throw new CatalogException(path + ".generate: expected true or false");
            }
            generates = node.get("generate").asBoolean();
        }
        EditSupport edit = node.has("edit") ? edit(node.get("edit"), path + ".edit") : null;
        if (!generates && edit == null) {
            throw new CatalogException(path + ".generate: false needs an 'edit:' block (the route would serve nothing)");
        }
        int maxConcurrency = node.has("max_concurrency")
                ? positiveInt(node.get("max_concurrency"), path + ".max_concurrency", 1) : 0;
        return new Route(modelId, provider, providerModel, priority, weight, pricePerImage,
                new Capabilities(size, maxImages, formats, params), generates, edit, maxConcurrency);
    }

    /** A route's {@code edit:} block (README "Edits"). */
    private EditSupport edit(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new CatalogException(path + ": expected a mapping with max_input_images and mask");
        }
        checkKeys(node, EDIT_KEYS, path);
        String model = interpolated((ObjectNode) node, "model", path);
        if (!node.has("max_input_images")) {
            throw new CatalogException(path + ".max_input_images: missing (how many input images one call takes)");
        }
        int maxInputs = positiveInt(node.get("max_input_images"), path + ".max_input_images", 1);
        if (maxInputs > 16) {
            throw new CatalogException(path + ".max_input_images: at most 16 (what the API accepts), got " + maxInputs);
        }
        String maskName = text(node.get("mask"), path + ".mask");
        MaskConvention mask;
        try {
            mask = MaskConvention.fromWireName(maskName == null ? "none" : maskName);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(path + ".mask: " + e.getMessage());
        }
        SizeStyle size = null;
        if (node.has("size")) {
            if (!node.get("size").isObject()) {
                throw new CatalogException(path + ".size: expected a size style mapping");
            }
            try {
                SizeStyleErrors.checkStyle(node.get("size"));
                size = SizeStyles.fromMap(SNAKE_CASE.convertValue(node.get("size"), Map.class));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(path + ".size" + SizeStyleErrors.describe(e));
            }
        }
        long maxPixels = EditSupport.DEFAULT_MAX_INPUT_PIXELS;
        if (node.has("max_input_pixels")) {
            maxPixels = positiveInt(node.get("max_input_pixels"), path + ".max_input_pixels", 4096);
        }
        Set<ImageFormat> inputFormats = new LinkedHashSet<>();
        List<String> names = node.has("input_formats") ? strings(node.get("input_formats"), path + ".input_formats")
                : List.of("png", "jpeg", "webp");
        for (String f : names) {
            if (!FORMATS.contains(f)) {
                throw new CatalogException(path + ".input_formats: '" + f + "' is not one of " + FORMATS);
            }
            inputFormats.add(ImageFormat.fromName(f));
        }
        if (inputFormats.isEmpty()) {
            throw new CatalogException(path + ".input_formats: name at least one of " + FORMATS);
        }
        return new EditSupport(model, maxInputs, mask, size, maxPixels, inputFormats);

    }

    /**
     * The route's {@code params:}, each a known parameter that its provider's adapter honours,
     * so the catalog cannot promise what the adapter would silently drop.
     */
    private Set<OptionalParam> params(JsonNode node, String path, String provider, String modelId, Provider p) {
        Set<OptionalParam> params = EnumSet.noneOf(OptionalParam.class);
        ImageAdapterFactory factory = factories.get(p.config().adapter());
        for (String name : strings(node.get("params"), path + ".params")) {
            OptionalParam param = OptionalParam.fromWireName(name).orElseThrow(() -> new CatalogException(
                    path + ".params: '" + name + "' is not one of "
                            + Arrays.stream(OptionalParam.values()).map(OptionalParam::wireName).sorted().toList()));
            if (!factory.honouredParams().contains(param)) {
                throw new CatalogException(path + ".params: route " + provider + "/" + modelId + " lists '" + name
                        + "', which the " + p.config().adapter() + " adapter does not honour (it honours "
                        + factory.honouredParams().stream().map(OptionalParam::wireName).sorted().toList() + ")");
            }
            params.add(param);
        }
        return params;
    }


    private JsonNode interpolateTree(JsonNode node, String path) {
        if (node.isTextual()) {
            return TextNode.valueOf(Interpolation.apply(node.asText(), env, path));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), interpolateTree(f.getValue(), path + "." + f.getKey())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).deepCopy();
            for (int i = 0; i < node.size(); i++) {
                copy.set(i, interpolateTree(node.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        return node;
    }

    private String interpolated(ObjectNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new CatalogException(path + "." + key + ": expected a string");
        }
        return Interpolation.apply(v.asText(), env, path + "." + key);
    }

    private static ObjectNode object(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null || !v.isObject()) {
            throw new CatalogException(path + key + ": missing or not a mapping");
        }
        return (ObjectNode) v;
    }

    private static String text(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new CatalogException(path + ": expected a string");
        }
        return node.asText();
    }

    private static int positiveInt(JsonNode node, String path, int min) {
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min) {
            throw new CatalogException(path + ": expected a whole number >= " + min + ", got '" + node.asText() + "'");
        }
        return node.asInt();
    }

    private static List<String> strings(JsonNode node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new CatalogException(path + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String path) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new CatalogException((path.isEmpty() ? "" : path + ".") + k + ": unknown key, expected one of "
                        + allowed.stream().sorted().toList());
            }
        });
    }
}

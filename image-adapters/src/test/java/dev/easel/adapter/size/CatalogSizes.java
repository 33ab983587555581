package dev.easel.adapter.size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.Yaml;
import java.util.ArrayList;
import java.util.List;

/** The real size blocks of the shipped model-catalog.yaml, found by provider and model. */
final class CatalogSizes {

    /** Surefire runs in the module directory; the catalog lives at the repository root. */
    static final Path CATALOG = Path.of("..", "model-catalog.yaml");

    private static final ObjectMapper YAML = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final JsonNode ROOT = read();

    private CatalogSizes() {
    }

    static SizeStyle route(String provider, String providerModel) {
        for (JsonNode model : ROOT.path("models")) {
            for (JsonNode route : model.path("routes")) {
                if (provider.equals(route.path("provider").asText()) && providerModel.equals(route.path("model").asText())) {
                    return YAML.convertValue(route.path("size"), SizeStyle.class);
                }
            }
        }
        throw new IllegalArgumentException("no route " + provider + " / " + providerModel + " in " + CATALOG);
    }

    /** Every route's size block, labelled provider/model. */
    static List<Named> all() {
        List<Named> styles = new ArrayList<>();
        for (JsonNode model : ROOT.path("models")) {
            for (JsonNode route : model.path("routes")) {
                styles.add(new Named(route.path("provider").asText() + "/" + route.path("model").asText(),
                        YAML.convertValue(route.path("size"), SizeStyle.class)));
            }
        }
        return styles;
    }

    record Named(String route, SizeStyle style) {
        @Override
        public String toString() {
            return route;
        }
    }

    /**
     * SnakeYAML (which jackson-dataformat-yaml brings) loads the file: Jackson's YAML parser
     * reads {@code *alias} references as object ids, not as copies of the anchored block.
     */
    private static JsonNode read() {
        try (Reader in = Files.newBufferedReader(CATALOG)) {
            Object tree = new Yaml().load(in);
            return YAML.valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.easel.gateway.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the catalog comes from, in order: {@code EASEL_CATALOG} (which must be readable),
 * else {@code ./model-catalog.yaml}, else the catalog built into the jar. The start-up log
 * names {@link #origin()}, so an operator knows which file is in force.
 *
 * @param origin a path, or {@code built-in} for the jar's own copy
 * @param text   the YAML
 */
public record CatalogSource(String origin, String text) {

    static final String BUILT_IN = "easel/model-catalog.yaml";
    static final Path WORKING_DIR_FILE = Path.of("model-catalog.yaml");

    /** @param explicit {@code EASEL_CATALOG}, or null */
    public static CatalogSource locate(Path explicit) {
        if (explicit != null) {
            return read(explicit);
        }
        if (Files.isRegularFile(WORKING_DIR_FILE)) {
            return read(WORKING_DIR_FILE);
        }
        return builtIn();
    }

    public static CatalogSource read(Path file) {
        try {
            return new CatalogSource(file.toAbsolutePath().normalize().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CatalogException("cannot read catalog " + file.toAbsolutePath().normalize()
                    + " (EASEL_CATALOG): " + e.getClass().getSimpleName());
        }
    }

    public static CatalogSource builtIn() {
        try (InputStream in = CatalogSource.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new CatalogException("this build has no built-in catalog: set EASEL_CATALOG");
            }
            return new CatalogSource("built-in", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CatalogException("cannot read the built-in catalog: " + e.getClass().getSimpleName());
        }
    }

    public boolean isBuiltIn() {
        return "built-in".equals(origin);
    }
}

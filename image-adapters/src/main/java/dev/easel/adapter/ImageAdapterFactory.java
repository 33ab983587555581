package dev.easel.adapter;

import java.util.Map;
import java.util.Set;

/**
 * Creates the adapter named by a catalog provider's {@code adapter:} key. Factories are
 * found with {@link java.util.ServiceLoader}, so a new provider is one package plus one line
 * in {@code META-INF/services/dev.easel.adapter.ImageAdapterFactory} and one catalog entry.
 */
public interface ImageAdapterFactory {

    /** The catalog {@code adapter:} value, e.g. {@code fal} or {@code openai-compatible}. */
    String name();

    /** Whether a provider using this adapter is unconfigured until it has an API key. */
    default boolean requiresApiKey() {
        return true;
    }

    /**
     * Checks the provider's catalog {@code options} when the catalog loads, whether or not the
     * provider has a key, so a typo stops the start (and {@code validate}) instead of
     * surfacing when a key is added. The default takes no options at all.
     *
     * @throws IllegalArgumentException naming the option ({@code options.size_fields ...})
     */
    default void checkOptions(Map<String, Object> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("options." + options.keySet().iterator().next()
                    + ": unknown option, the " + name() + " adapter takes no options");
        }
    }

    /**
     * The optional parameters this adapter can pass to its provider. A catalog route's
     * {@code params:} must be a subset: the catalog is refused at load otherwise, so the
     * catalog and the adapter cannot disagree silently.
     */
    Set<OptionalParam> honouredParams();

    /** Called once per configured provider at start-up. */
    ImageAdapter create(ProviderContext context);
}

package dev.easel.adapter;

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

    /** Called once per configured provider at start-up. */
    ImageAdapter create(ProviderContext context);
}

package dev.easel.gateway.catalog;

import dev.easel.adapter.ProviderConfig;
import java.util.Objects;

/**
 * A catalog provider after start-up.
 *
 * @param keyVariable the environment variable its {@code api_key} reads ({@code FAL_KEY}),
 *                    named in errors that tell an operator what to set; null if none
 * @param configured  false when the adapter needs a key and none is set: its routes are skipped
 */
public record Provider(ProviderConfig config, String keyVariable, boolean configured) {

    public Provider {
        Objects.requireNonNull(config, "config");
    }

    public String id() {
        return config.id();
    }
}

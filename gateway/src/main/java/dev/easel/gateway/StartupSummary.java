package dev.easel.gateway;

import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.CatalogSource;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.config.ApiKey;
import dev.easel.gateway.config.GatewayConfig;
import dev.easel.storage.ImageStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines an operator reads first: which catalog is in force, where images go, how callers
 * authenticate (key names, never keys), where it listens, and which providers are usable.
 */
final class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger("easel.start");

    private StartupSummary() {
    }

    static void log(CatalogSource source, ImageStore store, GatewayConfig config, int port, Catalog catalog) {
        List<String> configured = new ArrayList<>();
        List<String> unconfigured = new ArrayList<>();
        for (Provider p : catalog.providers().values()) {
            if (p.configured()) {
                configured.add(p.id());
            } else {
                unconfigured.add(p.id() + (p.keyVariable() == null ? "" : " (set " + p.keyVariable() + ")"));
            }
        }
        LOG.info("catalog: {} ({} models, default {})", source.origin(), catalog.models().size(), catalog.defaultModel());
        LOG.info("storage: {}", store.describe());
        LOG.info("auth: {}", config.callers().isEmpty()
                ? "none (EASEL_API_KEYS is empty, so Easel only listens on loopback)"
                : config.callers().size() + " API keys " + config.callers().stream().map(ApiKey::name).toList());
        LOG.info("providers configured: {}; not configured: {}", configured, unconfigured);
        LOG.info("Easel listening on http://{}:{}", config.host().contains(":") ? "[" + config.host() + "]" : config.host(), port);
    }
}

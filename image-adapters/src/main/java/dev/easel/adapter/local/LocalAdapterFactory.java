package dev.easel.adapter.local;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Objects;
import java.util.Set;

/** The built-in {@code local} provider: always configured, no key, no network. */
public final class LocalAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return Set.of(OptionalParam.SEED);
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return new LocalImageAdapter(context.config().id(), context.worker());
    }
}

package dev.easel.adapter.fal;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Objects;
import java.util.Set;

/** Creates the {@code fal} adapter: fal.ai's queue API ({@code https://queue.fal.run}). */
public final class FalAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "fal";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return FalRequests.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new FalAdapter(Objects.requireNonNull(context, "context"));
    }
}

package dev.easel.adapter.replicate;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Objects;
import java.util.Set;

/** Creates the {@code replicate} adapter: Replicate predictions ({@code https://api.replicate.com/v1}). */
public final class ReplicateAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "replicate";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return ReplicateRequests.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new ReplicateAdapter(Objects.requireNonNull(context, "context"));
    }
}

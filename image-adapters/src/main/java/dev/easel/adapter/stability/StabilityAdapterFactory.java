package dev.easel.adapter.stability;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.ProviderContext;

/** {@code adapter: stability}: Stable Image Core, Ultra and SD3 on the v2beta API. */
public final class StabilityAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "stability";
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new StabilityAdapter(context);
    }
}

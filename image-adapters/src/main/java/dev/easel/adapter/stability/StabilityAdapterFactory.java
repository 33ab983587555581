package dev.easel.adapter.stability;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Set;

/** {@code adapter: stability}: Stable Image Core, Ultra and SD3 on the v2beta API. */
public final class StabilityAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "stability";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return StabilityRequestMapper.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new StabilityAdapter(context);
    }
}

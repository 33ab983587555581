package dev.easel.adapter.replicate;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Creates the {@code replicate} adapter: Replicate predictions ({@code https://api.replicate.com/v1}). */
public final class ReplicateAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "replicate";
    }

    /** {@code prefer_wait_seconds} (1..60) is the only option. */
    @Override
    public void checkOptions(Map<String, Object> options) {
        for (Map.Entry<String, Object> e : options.entrySet()) {
            if (!e.getKey().equals("prefer_wait_seconds")) {
                throw new IllegalArgumentException("options." + e.getKey() + ": unknown option, expected [prefer_wait_seconds]");
            }
            if (!(e.getValue() instanceof Integer n) || n < 1 || n > 60) {
                throw new IllegalArgumentException("options.prefer_wait_seconds: expected a whole number of seconds from 1 to 60, got '"
                        + e.getValue() + "'");
            }
        }
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

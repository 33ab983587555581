package dev.easel.adapter.bfl;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.poll.JobPoller;
import java.util.Objects;
import java.util.Set;

/** Creates the {@code bfl} adapter: Black Forest Labs' API ({@code https://api.bfl.ai/v1}). */
public final class BflAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "bfl";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return BflRequests.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(context.config().baseUrl(), "bfl needs a base_url");
        return new BflAdapter(context.config(), UpstreamClients.create(context.vertx(), context.config()),
                new JobPoller(context.vertx(), context.clock()), context.clock());
    }
}

package dev.easel.adapter.fal;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.poll.JobPoller;
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
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(context.config().baseUrl(), "fal needs a base_url");
        return new FalAdapter(context.config(), UpstreamClients.create(context.vertx(), context.config()),
                new JobPoller(context.vertx(), context.clock()), context.clock());
    }
}

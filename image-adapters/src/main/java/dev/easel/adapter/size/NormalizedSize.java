package dev.easel.adapter.size;

import dev.easel.adapter.Warning;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link SizeNormalizer}: what to send upstream, what the provider is
 * expected to deliver (null when the provider does not say, e.g. {@code auto}), and the
 * warnings a user should see (ratio off by more than 1%, size changed).
 */
public record NormalizedSize(UpstreamSize sent, Dim expected, List<Warning> warnings) {

    public NormalizedSize {
        Objects.requireNonNull(sent, "sent");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}

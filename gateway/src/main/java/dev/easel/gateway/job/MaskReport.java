package dev.easel.gateway.job;

import dev.easel.gateway.catalog.MaskConvention;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to an edit's mask on the route that delivered: {@code metadata.mask}.
 *
 * @param received the convention the caller's mask used
 * @param sent     the convention the route takes
 * @param resized  whether it was scaled to the first image as sent
 */
public record MaskReport(MaskConvention received, MaskConvention sent, boolean resized) {

    public MaskReport {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(sent, "sent");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", received.wireName());
        m.put("sent", sent.wireName());
        m.put("resized", resized);
        return m;
    }
}

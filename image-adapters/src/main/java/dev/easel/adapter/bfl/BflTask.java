package dev.easel.adapter.bfl;

import java.util.Objects;

/** One submitted BFL task and where to poll it. */
record BflTask(String id, String pollingUrl) {

    BflTask {
        Objects.requireNonNull(pollingUrl, "pollingUrl");
    }
}

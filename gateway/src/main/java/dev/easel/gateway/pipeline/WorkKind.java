package dev.easel.gateway.pipeline;

import java.util.Locale;

/**
 * What a task on the image worker pool does: the {@code kind} label of
 * {@code easel_worker_task_seconds}. A closed set, so every series exists (at zero) from the
 * start and dashboards never read "no data" for work that has simply not happened yet.
 */
public enum WorkKind {
    TRANSCODE, PREVIEW, ENCODE_B64, ENCODE_EVENT, DECODE_MULTIPART, DECODE_JSON, DECODE_EDIT_INPUT, PREPARE_EDIT_INPUT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.easel.gateway.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One big answer as it streams in, without holding it: its status, its length, its first
 * bytes (where the first image's base64 starts) and its last byte. A sampled answer, and any
 * error answer (capped), is also kept whole so it can be decoded after the run.
 */
final class BigAnswer {

    /** The base64 of PNG's 8-byte signature: every {@code b64_json} PNG starts with it. */
    static final String PNG_BASE64_PREFIX = "iVBORw0KGgo";
    private static final String B64_FIELD = "\"b64_json\":\"";
    private static final int HEAD_BYTES = 4096;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final int status;
    private final boolean keepWhole;
    private final Buffer head = Buffer.buffer(HEAD_BYTES);
    private final Buffer whole;
    private long length;
    private byte last;

    BigAnswer(int status, boolean sampled) {
        this.status = status;
        this.keepWhole = sampled || status != 200;
        this.whole = keepWhole ? Buffer.buffer() : null;
    }

    void chunk(Buffer chunk) {
        if (head.length() < HEAD_BYTES) {
            head.appendBuffer(chunk, 0, Math.min(chunk.length(), HEAD_BYTES - head.length()));
        }
        if (keepWhole && (status == 200 || whole.length() < MAX_ERROR_BYTES)) {
            whole.appendBuffer(chunk);
        }
        length += chunk.length();
        if (chunk.length() > 0) {
            last = chunk.getByte(chunk.length() - 1);
        }
    }

    int status() {
        return status;
    }

    long length() {
        return length;
    }

    /** A complete JSON object whose first image is base64 PNG (checked on every answer). */
    boolean looksLikePngAnswer() {
        String start = head.toString(StandardCharsets.ISO_8859_1);
        int field = start.indexOf(B64_FIELD);
        return start.startsWith("{") && last == '}' && field >= 0
                && start.startsWith(PNG_BASE64_PREFIX, field + B64_FIELD.length());
    }

    /** The whole body, for a sampled or an error answer; null otherwise. */
    Buffer whole() {
        return whole;
    }
}

package dev.easel.adapter.openai;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Server-sent events as they arrive, in chunks cut anywhere: the WHATWG event-stream rules
 * OpenAI's image streams follow (lines end in LF, CRLF or CR; {@code :} starts a comment;
 * {@code field: value} with one optional space; {@code data} lines of one event joined by LF; a
 * blank line dispatches; an event not closed by a blank line when the stream ends is dropped).
 * Only {@code event} and {@code data} matter here; {@code id} and {@code retry} are ignored.
 *
 * <p>Each chunk is scanned once, so the cost is linear in the body (Vert.x's own SSE codec
 * rescans everything it holds on every chunk, and reads CRLF as two line ends). What it holds
 * is one event at most, and no line or event may exceed {@code maxEventBytes}: a provider that
 * never sends a line end cannot make it grow without end. Not thread-safe: feed it from one
 * thread (or in order).
 */
final class OpenAiEventStreamParser {

    /**
     * One dispatched event.
     *
     * @param type the {@code event:} field, or {@code message} when the event had none
     * @param data its {@code data:} lines joined by LF, as bytes (UTF-8 JSON for OpenAI)
     */
    record Event(String type, Buffer data) {

        Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
        }

        /** The data as text; for small events (errors, {@code [DONE]}) and tests. */
        String text() {
            return data.toString(StandardCharsets.UTF_8);
        }
    }

    /** Event names are short words; a longer one is not OpenAI's and is cut rather than held. */
    private static final int MAX_TYPE_CHARS = 128;
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

    private final String provider;
    private final long maxEventBytes;
    private final Consumer<Event> events;

    private Buffer line = Buffer.buffer();
    private boolean afterCr;
    private boolean started;
    private String type;
    private Buffer data;

    /**
     * @param provider      for the failure's message
     * @param maxEventBytes the longest line, and the most data one event may carry
     * @param events        receives each event as soon as its blank line arrives
     */
    OpenAiEventStreamParser(String provider, long maxEventBytes, Consumer<Event> events) {
        this.provider = Objects.requireNonNull(provider, "provider");
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be positive");
        }
        this.maxEventBytes = maxEventBytes;
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Reads the next bytes of the body, dispatching every event they complete.
     *
     * @throws ProviderException (UPSTREAM) when a line or an event is longer than the limit
     */
    void feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        int start = 0;
        if (!started && bytes.length > 0) {
            started = true;
            // A UTF-8 byte order mark before the first field is not part of it.
            if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
                start = 3;
            }
        }
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                afterCr = false;
                continue;
            }
            if (b == '\n' && afterCr && i == start) {
                // The LF of a CRLF split across chunks: that line already ended.
                afterCr = false;
                start = i + 1;
                continue;
            }
            append(bytes, start, i);
            endLine();
            afterCr = b == '\r';
            if (afterCr && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                i++;
                afterCr = false;
            }
            start = i + 1;
        }
        append(bytes, start, bytes.length);
    }

    /** The body ended: an event not closed by a blank line is dropped, as the standard says. */
    void end() {
        line = Buffer.buffer();
        type = null;
        data = null;
    }

    private void append(byte[] bytes, int from, int to) {
        if (to <= from) {
            return;
        }
        if ((long) line.length() + (to - from) > maxEventBytes) {
            throw tooLong();
        }
        line.appendBytes(bytes, from, to - from);
    }

    private void endLine() {
        Buffer current = line;
        line = Buffer.buffer();
        int length = current.length();
        if (length == 0) {
            dispatch();
            return;
        }
        if (current.getByte(0) == ':') {
            return;
        }
        int colon = indexOf(current, (byte) ':');
        int nameEnd = colon < 0 ? length : colon;
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && current.getByte(valueStart) == ' ') {
            valueStart++;
        }
        if (nameIs(current, nameEnd, DATA)) {
            // A slice shares the line's bytes: a megabyte of base64 is not copied again.
            Buffer value = current.slice(valueStart, length);
            if (data == null) {
                data = value;
            } else {
                if ((long) data.length() + 1 + value.length() > maxEventBytes) {
                    throw tooLong();
                }
                data = Buffer.buffer(data.length() + 1 + value.length()).appendBuffer(data).appendByte((byte) '\n')
                        .appendBuffer(value);
            }
        } else if (nameIs(current, nameEnd, EVENT)) {
            String name = current.getString(valueStart, length, "UTF-8");
            type = name.length() > MAX_TYPE_CHARS ? name.substring(0, MAX_TYPE_CHARS) : name;
        }
    }

    private void dispatch() {
        Buffer event = data;
        String name = type;
        data = null;
        type = null;
        // A blank line with no data before it (keepalives, doubled blank lines) dispatches nothing.
        if (event != null) {
            events.accept(new Event(name == null || name.isEmpty() ? "message" : name, event));
        }
    }

    private static boolean nameIs(Buffer line, int nameEnd, byte[] name) {
        if (nameEnd != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (line.getByte(i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(Buffer line, byte b) {
        // Field names are short: a colon, if any, is near the start.
        int limit = Math.min(line.length(), 64);
        for (int i = 0; i < limit; i++) {
            if (line.getByte(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private ProviderException tooLong() {
        return new ProviderException(ErrorKind.UPSTREAM, provider, 200,
                provider + " sent an event longer than the " + maxEventBytes + " byte limit in its stream");
    }
}

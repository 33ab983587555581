package dev.easel.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.easel.adapter.http.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Wraps the text or JSON encoder of {@code logback.xml} and masks every registered secret
 * ({@link Secrets}) in each encoded line. Logback writes bytes to the console, which
 * {@link ScrubbingPrintStream} (it scrubs text) never sees, so the masking happens here,
 * after formatting, where message, arguments, MDC and stack trace are all one string.
 */
public final class ScrubbingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> delegate;

    /** Set by Joran from the nested {@code <delegate class="...">} element. */
    public void setDelegate(Encoder<ILoggingEvent> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void start() {
        if (delegate == null) {
            addError("ScrubbingEncoder needs a <delegate> encoder");
            return;
        }
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return scrub(delegate.headerBytes());
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return scrub(delegate.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return scrub(delegate.footerBytes());
    }

    /** Both wrapped encoders write UTF-8; a line without a secret is passed on untouched. */
    static byte[] scrub(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        String text = new String(encoded, StandardCharsets.UTF_8);
        String scrubbed = Secrets.scrub(text);
        return scrubbed.equals(text) ? encoded : scrubbed.getBytes(StandardCharsets.UTF_8);
    }
}

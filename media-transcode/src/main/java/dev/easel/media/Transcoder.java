package dev.easel.media;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Bytes in, bytes out: sniff, decode within a pixel limit, resize/crop, encode.
 *
 * <p>Synchronous and thread-safe (no reader or writer is shared between calls), meant to run on
 * a bounded worker pool, never on an event loop. CPU and memory per call are bounded by
 * {@code maxPixels}: about 4 bytes per pixel for the decoded raster plus one copy per step.
 */
public final class Transcoder {

    private final ImageDecoder decoder;

    /** @param maxPixels width x height above which an image is refused (decompression bombs), e.g. 64_000_000 */
    public Transcoder(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
    }

    /** Loads the native libwebp and exercises it once; call at start-up, not on a request. */
    public static void warmUp() {
        Codecs.warmUp();
    }

    /**
     * False when native libwebp could not be loaded on this machine: WebP is then still decoded
     * (pure Java, slower) but cannot be produced. Worth a line in the start-up log.
     */
    public static boolean webpEncodingAvailable() {
        return Codecs.nativeWebPAvailable();
    }

    /**
     * Format from magic bytes and dimensions from the header; decodes no pixels, so it neither
     * proves the rest of the file is intact nor enforces the pixel limit ({@link #transcode} does).
     */
    public ImageInfo probe(byte[] data) {
        return decoder.probe(data);
    }

    public TranscodeResult transcode(byte[] data, TranscodeRequest request) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(request, "request");
        ImageInfo info = decoder.probe(data);
        TranscodeResult untouched = untouched(data, request, info);
        if (untouched != null) {
            return untouched;
        }

        BufferedImage image = decoder.decode(data);
        Double factor = null;
        if (request.hasExactSize()) {
            ExactSize.Resized resized = ExactSize.cover(image, request.exactWidth(), request.exactHeight());
            image = resized.image();
            factor = resized.factor();
        }
        byte[] out = ImageEncoder.encode(image, request.target(), request.quality());
        return new TranscodeResult(out, request.target(), image.getWidth(), image.getHeight(), false, factor);
    }

    /**
     * The bytes handed back as they are when they already are what {@code request} asks for,
     * else null (they need {@link #transcode}). Reads the header and walks the chunk or segment
     * chain but decodes no pixel: microseconds, cheap enough to run where a hop to a worker
     * pool would cost more than the work.
     *
     * @throws MediaException when the bytes are not an image, are cut short, or declare more
     *                        pixels than the limit
     */
    public TranscodeResult passThrough(byte[] data, TranscodeRequest request) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(request, "request");
        return untouched(data, request, decoder.probe(data));
    }

    private TranscodeResult untouched(byte[] data, TranscodeRequest request, ImageInfo info) {
        decoder.checkLimit(info);
        boolean sizeMatches = !request.hasExactSize()
                || (request.exactWidth() == info.width() && request.exactHeight() == info.height());
        if (info.format() != request.target() || !sizeMatches) {
            return null;
        }
        // Re-encoding the same format would only lose quality and time: hand the bytes back,
        // after a cheap check that the file is not cut short (this path never decodes).
        ImageDecoder.checkComplete(info.format(), data);
        return new TranscodeResult(data, info.format(), info.width(), info.height(), true, null);
    }
}

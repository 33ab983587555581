package dev.easel.media;

import com.luciad.imageio.webp.WebPImageReaderSpi;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWrapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * Which ImageIO plugin handles which format, chosen once and explicitly: two WebP readers
 * register with ImageIO (native libwebp and TwelveMonkeys' pure Java one, ~5x slower) and
 * {@code ImageIO.read} would take whichever registered first.
 *
 * <p>Only the stateless service providers are shared; every call gets its own reader or writer
 * because ImageIO readers and writers are not thread-safe.
 */
final class Codecs {

    static {
        // Keep ImageIO streams in memory: the disk cache costs a temp file per call.
        ImageIO.setUseCache(false);
    }

    private static final ImageReaderSpi PNG_READER = jdkReader("png");
    private static final ImageReaderSpi JPEG_READER = jdkReader("jpeg");
    private static final ImageWriterSpi PNG_WRITER = jdkWriter("png");
    private static final ImageWriterSpi JPEG_WRITER = jdkWriter("jpeg");

    private Codecs() {
    }

    static ImageReader reader(ImageFormat format) {
        try {
            return switch (format) {
                case PNG -> PNG_READER.createReaderInstance();
                case JPEG -> JPEG_READER.createReaderInstance();
                case WEBP -> NativeWebP.AVAILABLE
                        ? NativeWebP.READER.createReaderInstance()
                        : PureJavaWebP.READER.createReaderInstance();
            };
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNSUPPORTED_FORMAT, "no reader for " + format, e);
        }
    }

    static ImageWriter writer(ImageFormat format) {
        try {
            return switch (format) {
                case PNG -> PNG_WRITER.createWriterInstance();
                case JPEG -> JPEG_WRITER.createWriterInstance();
                case WEBP -> {
                    if (!NativeWebP.AVAILABLE) {
                        throw new MediaException(MediaException.Reason.UNSUPPORTED_FORMAT,
                                "WebP encoding needs the native libwebp, which failed to load: " + NativeWebP.FAILURE);
                    }
                    yield NativeWebP.WRITER.createWriterInstance();
                }
            };
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNSUPPORTED_FORMAT, "no writer for " + format, e);
        }
    }

    static boolean nativeWebPAvailable() {
        return NativeWebP.AVAILABLE;
    }

    /** Which reader class decodes WebP here; tests and the benchmark print it. */
    static String webpReaderName() {
        return (NativeWebP.AVAILABLE ? NativeWebP.READER : PureJavaWebP.READER).getClass().getName();
    }

    /**
     * Loads libwebp and pushes one tiny image through encoder and decoder so the JIT, the
     * native library and the JNI bindings are ready before the first user request (~130 ms).
     */
    static void warmUp() {
        if (!NativeWebP.AVAILABLE) {
            return;
        }
        BufferedImage tiny = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        tiny.setRGB(1, 1, 0x80FF0000);
        try {
            ImageWriter writer = NativeWebP.WRITER.createWriterInstance();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(tiny, null, null), writer.getDefaultWriteParam());
            } finally {
                writer.dispose();
            }
            ImageReader reader = NativeWebP.READER.createReaderInstance();
            try (var in = new ByteArrayImageInputStream(out.toByteArray())) {
                reader.setInput(in, true, true);
                reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.ENCODE_FAILED, "WebP warm-up failed", e);
        }
    }

    /** Holder: the native library is loaded on first WebP use, or by {@link #warmUp()}. */
    private static final class NativeWebP {
        static final String FAILURE;
        static final boolean AVAILABLE;
        static final ImageReaderSpi READER;
        static final ImageWriterSpi WRITER;

        static {
            String failure = null;
            try {
                WebPWrapper.loadNativeLibrary();
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, ...
                failure = t.toString();
            }
            FAILURE = failure;
            AVAILABLE = failure == null;
            READER = AVAILABLE ? new WebPImageReaderSpi() : null;
            WRITER = AVAILABLE ? new WebPImageWriterSpi() : null;
        }
    }

    /** The fallback reader, only touched when libwebp could not be loaded on this machine. */
    private static final class PureJavaWebP {
        static final ImageReaderSpi READER = new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi();
    }

    private static ImageReaderSpi jdkReader(String formatName) {
        return jdkProvider(ImageReaderSpi.class, formatName)
                .orElseGet(() -> ImageIO.getImageReadersByFormatName(formatName).next().getOriginatingProvider());
    }

    private static ImageWriterSpi jdkWriter(String formatName) {
        return jdkProvider(ImageWriterSpi.class, formatName)
                .orElseGet(() -> ImageIO.getImageWritersByFormatName(formatName).next().getOriginatingProvider());
    }

    /**
     * The JDK's own plugin for a format, found by package because its classes are not exported
     * and another plugin (e.g. TwelveMonkeys imageio-jpeg, if someone adds it) may register first.
     */
    private static <T extends javax.imageio.spi.ImageReaderWriterSpi> Optional<T> jdkProvider(Class<T> type, String formatName) {
        Iterator<T> it = IIORegistry.getDefaultInstance().getServiceProviders(type, true);
        while (it.hasNext()) {
            T spi = it.next();
            if (spi.getClass().getName().startsWith("com.sun.imageio.plugins.")
                    && java.util.Arrays.asList(spi.getFormatNames()).contains(formatName)) {
                return Optional.of(spi);
            }
        }
        return Optional.empty();
    }
}

package dev.easel.media;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit PNG: RGBA (colour type 6) when the image's colour model has alpha, RGB (colour
 * type 2) otherwise, and grey (0) or grey + alpha (4) for grey images, as the JDK writer decided;
 * never interlaced, no ancillary chunks. The pixels are not scanned for all-opaque alpha: an image
 * with an alpha channel keeps one. Palette and 16-bit images are written as 8-bit RGB(A).
 *
 * <p>Each row gets the filter (None, Sub, Up, Average, Paeth) whose output has the smallest sum of
 * absolute values read as signed bytes, the heuristic the PNG specification recommends and libpng
 * uses. The JDK writer's filtering leaves ~45% more bytes on photographic images, at any deflate
 * level (module README). The zlib stream comes from {@link Deflater} and is cut into IDAT chunks of
 * {@value #IDAT_SIZE} bytes as it is produced, straight into the output array.
 *
 * <p>Stateless: every call owns its buffers and its {@link Deflater}, so calls may run in parallel.
 */
final class PngEncoder {

    /**
     * zlib level, picked by measurement (module README, "Encoder settings"): on filtered photo-like
     * rows higher levels buy a few percent of size for a large multiple of the time.
     */
    static final int DEFLATE_LEVEL = 1;

    /**
     * zlib strategy. {@link Deflater#FILTERED} only changes zlib's lazy-matching levels (4 to 9);
     * at levels 1 to 3 zlib ignores it.
     */
    static final int DEFLATE_STRATEGY = Deflater.DEFAULT_STRATEGY;

    /** Data bytes per IDAT chunk (the last one may be shorter). */
    static final int IDAT_SIZE = 64 * 1024;

    /** Filtered rows are handed to the Deflater in batches of about this many bytes. */
    private static final int BATCH_BYTES = 64 * 1024;

    static final int COLOUR_TYPE_GREY = 0;
    static final int COLOUR_TYPE_RGB = 2;
    static final int COLOUR_TYPE_GREY_ALPHA = 4;
    static final int COLOUR_TYPE_RGBA = 6;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;

    private PngEncoder() {
    }

    static byte[] encode(BufferedImage image) {
        return encode(image, DEFLATE_LEVEL, DEFLATE_STRATEGY);
    }

    /** With explicit zlib settings: the production path uses the constants; the settings sweep does not. */
    static byte[] encode(BufferedImage image, int level, int strategy) {
        int width = image.getWidth();
        int height = image.getHeight();
        Rows rows = Rows.of(image);
        int bpp = rows.bytesPerPixel;
        long rowBytesLong = (long) width * bpp;
        if (rowBytesLong + 1 > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("image too wide for PNG rows: " + width);
        }
        int rowBytes = (int) rowBytesLong;
        long raw = (rowBytes + 1L) * height;

        // Filtered photographs deflate to roughly half their raw size; flat images far less.
        Output out = new Output((int) Math.min(raw / 2 + 1024, Integer.MAX_VALUE - 64));
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;                                             // bit depth
        ihdr[9] = (byte) rows.colourType;
        // ihdr[10..12] = 0: deflate compression, adaptive filtering, no interlace
        out.chunk(IHDR, ihdr);

        byte[] prev = new byte[rowBytes];                        // the row above the first: zeros
        byte[] cur = new byte[rowBytes];
        int batchRows = Math.max(1, BATCH_BYTES / (rowBytes + 1));
        byte[] batch = new byte[Math.multiplyExact(batchRows, rowBytes + 1)];
        Deflater deflater = new Deflater(level);
        try {
            deflater.setStrategy(strategy);
            Idat idat = new Idat(out, deflater);
            int filled = 0;
            for (int y = 0; y < height; y++) {
                rows.read(y, cur);
                filterRow(cur, prev, bpp, batch, filled);
                filled += rowBytes + 1;
                if (filled == batch.length) {
                    idat.deflate(batch, filled);
                    filled = 0;
                }
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
            if (filled > 0) {
                idat.deflate(batch, filled);
            }
            idat.finish();
        } finally {
            deflater.end();
        }
        out.chunk(IEND, new byte[0]);
        return out.toByteArray();
    }

    /**
     * Writes the filter type byte and the filtered row at {@code dst[off]}. One pass sums the cost
     * of all five filters, a second writes the cheapest; ties go to the lower filter type.
     */
    static void filterRow(byte[] cur, byte[] prev, int bpp, byte[] dst, int off) {
        int n = cur.length;
        long none = 0;
        long sub = 0;
        long up = 0;
        long avg = 0;
        long paeth = 0;
        for (int i = 0; i < bpp && i < n; i++) {
            int x = cur[i] & 0xFF;
            int b = prev[i] & 0xFF;
            none += cost(x);
            sub += cost(x);
            up += cost(x - b);
            avg += cost(x - (b >> 1));
            paeth += cost(x - b);                                // a = c = 0: Paeth predicts b
        }
        for (int i = bpp; i < n; i++) {
            int x = cur[i] & 0xFF;
            int a = cur[i - bpp] & 0xFF;
            int b = prev[i] & 0xFF;
            int c = prev[i - bpp] & 0xFF;
            none += cost(x);
            sub += cost(x - a);
            up += cost(x - b);
            avg += cost(x - ((a + b) >> 1));
            paeth += cost(x - paeth(a, b, c));
        }

        int type = 0;
        long best = none;
        if (sub < best) {
            type = 1;
            best = sub;
        }
        if (up < best) {
            type = 2;
            best = up;
        }
        if (avg < best) {
            type = 3;
            best = avg;
        }
        if (paeth < best) {
            type = 4;
        }

        dst[off] = (byte) type;
        int o = off + 1;
        switch (type) {
            case 0 -> System.arraycopy(cur, 0, dst, o, n);
            case 1 -> {
                for (int i = 0; i < bpp && i < n; i++) {
                    dst[o + i] = cur[i];
                }
                for (int i = bpp; i < n; i++) {
                    dst[o + i] = (byte) (cur[i] - cur[i - bpp]);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    dst[o + i] = (byte) (cur[i] - prev[i]);
                }
            }
            case 3 -> {
                for (int i = 0; i < bpp && i < n; i++) {
                    dst[o + i] = (byte) (cur[i] - ((prev[i] & 0xFF) >> 1));
                }
                for (int i = bpp; i < n; i++) {
                    dst[o + i] = (byte) (cur[i] - (((cur[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >> 1));
                }
            }
            default -> {
                for (int i = 0; i < bpp && i < n; i++) {
                    dst[o + i] = (byte) (cur[i] - prev[i]);
                }
                for (int i = bpp; i < n; i++) {
                    dst[o + i] = (byte) (cur[i] - paeth(cur[i - bpp] & 0xFF, prev[i] & 0xFF, prev[i - bpp] & 0xFF));
                }
            }
        }
    }

    /** |d| with d read as a signed byte: the heuristic's cost of one filtered byte. */
    private static int cost(int d) {
        int v = (byte) d;
        return v < 0 ? -v : v;
    }

    /** The Paeth predictor (PNG specification, 9.4): whichever of left, above, upper-left is nearest a + b - c. */
    static int paeth(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - 2 * c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    /** Streams the zlib output into IDAT chunks of at most {@link #IDAT_SIZE} data bytes. */
    private static final class Idat {
        private final Output out;
        private final Deflater deflater;
        private int start = -1;                                  // offset of the open chunk's length field
        private int length;

        Idat(Output out, Deflater deflater) {
            this.out = out;
            this.deflater = deflater;
        }

        void deflate(byte[] input, int len) {
            deflater.setInput(input, 0, len);
            while (!deflater.needsInput()) {
                drain();
            }
        }

        void finish() {
            deflater.finish();
            while (!deflater.finished()) {
                drain();
            }
            close();
        }

        private void drain() {
            if (start < 0) {
                start = out.pos;
                length = 0;
                out.ensure(8 + IDAT_SIZE + 4);
                out.pos += 8;                                    // length and type, filled in on close
            }
            int n = deflater.deflate(out.buf, out.pos, IDAT_SIZE - length);
            out.pos += n;
            length += n;
            if (length == IDAT_SIZE) {
                close();
            }
        }

        private void close() {
            if (start < 0) {
                return;
            }
            if (length == 0) {                                   // nothing came out: drop the empty chunk
                out.pos = start;
            } else {
                putInt(out.buf, start, length);
                putInt(out.buf, start + 4, IDAT);
                out.crc(start + 4, 4 + length);
            }
            start = -1;
        }
    }

    /** A growable byte array that chunks are written into in place. */
    private static final class Output {
        byte[] buf;
        int pos;

        Output(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        void ensure(int more) {
            long need = (long) pos + more;
            if (need > buf.length) {
                long grown = Math.max(need, buf.length + (buf.length >> 1));
                if (need > Integer.MAX_VALUE - 64) {
                    throw new IllegalStateException("PNG larger than 2 GB");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 64));
            }
        }

        void write(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void chunk(int type, byte[] data) {
            ensure(12 + data.length);
            int start = pos;
            putInt(buf, pos, data.length);
            putInt(buf, pos + 4, type);
            System.arraycopy(data, 0, buf, pos + 8, data.length);
            pos += 8 + data.length;
            crc(start + 4, 4 + data.length);
        }

        /** Appends the CRC-32 of {@code buf[from, from + len)}: chunk type and data. */
        void crc(int from, int len) {
            CRC32 crc = new CRC32();
            crc.update(buf, from, len);
            ensure(4);
            putInt(buf, pos, (int) crc.getValue());
            pos += 4;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /**
     * Produces one row of 8-bit samples in PNG order (R, G, B, A or grey, A). Common layouts are
     * read straight from the raster's array; anything else goes through {@code getRGB} one row at a time.
     */
    private abstract static class Rows {
        final boolean alpha;
        final int colourType;
        final int bytesPerPixel;

        Rows(boolean alpha) {
            this(alpha, alpha ? COLOUR_TYPE_RGBA : COLOUR_TYPE_RGB, alpha ? 4 : 3);
        }

        Rows(boolean alpha, int colourType, int bytesPerPixel) {
            this.alpha = alpha;
            this.colourType = colourType;
            this.bytesPerPixel = bytesPerPixel;
        }

        abstract void read(int y, byte[] dst);

        static Rows of(BufferedImage image) {
            ColorModel cm = image.getColorModel();
            WritableRaster raster = image.getRaster();
            int type = image.getType();
            if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                    && cm instanceof DirectColorModel
                    && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
                    && raster.getDataBuffer() instanceof DataBufferInt db && db.getNumBanks() == 1) {
                return IntRows.of(image, raster, db, type == BufferedImage.TYPE_INT_ARGB);
            }
            if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()) {
                ColorSpace cs = cm.getColorSpace();
                if (cs.isCS_sRGB() && ByteRows.fits(cm, raster)) {
                    return ByteRows.of(image, raster);
                }
                if (cs.getType() == ColorSpace.TYPE_GRAY && GreyRows.fits(cm, raster)) {
                    return new GreyRows(image, cm);
                }
            }
            return new RgbRows(image);
        }
    }

    /** TYPE_INT_RGB / TYPE_INT_ARGB: one packed int per pixel. */
    private static final class IntRows extends Rows {
        private final int[] data;
        private final int base;
        private final int stride;
        private final int width;

        private IntRows(boolean alpha, int[] data, int base, int stride, int width) {
            super(alpha);
            this.data = data;
            this.base = base;
            this.stride = stride;
            this.width = width;
        }

        static IntRows of(BufferedImage image, Raster raster, DataBufferInt db, boolean hasAlpha) {
            int stride = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
            int base = db.getOffset() - raster.getSampleModelTranslateY() * stride - raster.getSampleModelTranslateX();
            int[] data = db.getData();
            int width = image.getWidth();
            return new IntRows(hasAlpha, data, base, stride, width);
        }

        @Override
        void read(int y, byte[] dst) {
            int p = base + y * stride;
            int end = p + width;
            int j = 0;
            if (alpha) {
                for (; p < end; p++) {
                    int v = data[p];
                    dst[j] = (byte) (v >> 16);
                    dst[j + 1] = (byte) (v >> 8);
                    dst[j + 2] = (byte) v;
                    dst[j + 3] = (byte) (v >>> 24);
                    j += 4;
                }
            } else {
                for (; p < end; p++) {
                    int v = data[p];
                    dst[j] = (byte) (v >> 16);
                    dst[j + 1] = (byte) (v >> 8);
                    dst[j + 2] = (byte) v;
                    j += 3;
                }
            }
        }
    }

    /**
     * Interleaved 8-bit sRGB bytes in any band order: TYPE_3BYTE_BGR (the JDK's JPEG reader),
     * TYPE_4BYTE_ABGR, and the RGB/RGBA layouts the JDK's PNG reader produces.
     */
    private static final class ByteRows extends Rows {
        private final byte[] data;
        private final int base;
        private final int stride;
        private final int pixelStride;
        private final int width;
        private final int r;
        private final int g;
        private final int b;
        private final int a;

        private ByteRows(boolean alpha, byte[] data, int base, int stride, int pixelStride, int width, int[] bandOffsets) {
            super(alpha);
            this.data = data;
            this.base = base;
            this.stride = stride;
            this.pixelStride = pixelStride;
            this.width = width;
            this.r = bandOffsets[0];
            this.g = bandOffsets[1];
            this.b = bandOffsets[2];
            this.a = bandOffsets.length > 3 ? bandOffsets[3] : 0;
        }

        static boolean fits(ColorModel cm, Raster raster) {
            int bands = raster.getNumBands();
            if (cm.getTransferType() != DataBuffer.TYPE_BYTE || (bands != 3 && bands != 4)
                    || cm.getNumComponents() != bands || cm.hasAlpha() != (bands == 4)
                    || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                    || !(raster.getDataBuffer() instanceof DataBufferByte db) || db.getNumBanks() != 1) {
                return false;
            }
            for (int i = 0; i < bands; i++) {
                if (cm.getComponentSize(i) != 8 || sm.getBankIndices()[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        static ByteRows of(BufferedImage image, Raster raster) {
            ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
            DataBufferByte db = (DataBufferByte) raster.getDataBuffer();
            int stride = sm.getScanlineStride();
            int pixelStride = sm.getPixelStride();
            int base = db.getOffset() - raster.getSampleModelTranslateY() * stride
                    - raster.getSampleModelTranslateX() * pixelStride;
            int[] offsets = sm.getBandOffsets();
            byte[] data = db.getData();
            int width = image.getWidth();
            return new ByteRows(offsets.length == 4, data, base, stride, pixelStride, width, offsets);
        }

        @Override
        void read(int y, byte[] dst) {
            int p = base + y * stride;
            int j = 0;
            if (alpha) {
                for (int x = 0; x < width; x++, p += pixelStride) {
                    dst[j] = data[p + r];
                    dst[j + 1] = data[p + g];
                    dst[j + 2] = data[p + b];
                    dst[j + 3] = data[p + a];
                    j += 4;
                }
            } else {
                for (int x = 0; x < width; x++, p += pixelStride) {
                    dst[j] = data[p + r];
                    dst[j + 1] = data[p + g];
                    dst[j + 2] = data[p + b];
                    j += 3;
                }
            }
        }
    }

    /**
     * Grey (with or without alpha, 1 to 16 bits), written as 8-bit grey: a third of the raw bytes
     * of RGB, and what the JDK writer wrote for the grey JPEGs that reach us. The samples are
     * copied as they are (16-bit ones rounded to 8), which is what the JDK writer stored and its
     * reader hands back: {@code getRGB} would first run them through the JDK's linear-grey to sRGB
     * conversion and brighten mid-greys (128 becomes 188).
     */
    private static final class GreyRows extends Rows {
        private final Raster raster;
        private final int width;
        private final int greyMax;
        private final int alphaMax;
        private final int[] samples;

        GreyRows(BufferedImage image, ColorModel cm) {
            super(cm.hasAlpha(), cm.hasAlpha() ? COLOUR_TYPE_GREY_ALPHA : COLOUR_TYPE_GREY, cm.hasAlpha() ? 2 : 1);
            this.raster = image.getRaster();
            this.width = image.getWidth();
            int bands = raster.getNumBands();
            this.greyMax = (1 << cm.getComponentSize(0)) - 1;
            this.alphaMax = bands == 2 ? (1 << cm.getComponentSize(1)) - 1 : 0;
            this.samples = new int[width * bands];
        }

        static boolean fits(ColorModel cm, Raster raster) {
            int bands = raster.getNumBands();
            if (cm.getNumComponents() != bands || cm.hasAlpha() != (bands == 2) || (bands != 1 && bands != 2)) {
                return false;
            }
            for (int i = 0; i < bands; i++) {
                if (cm.getComponentSize(i) < 1 || cm.getComponentSize(i) > 16) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void read(int y, byte[] dst) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, samples);
            if (alpha) {
                for (int i = 0, n = 2 * width; i < n; i += 2) {
                    dst[i] = (byte) scale(samples[i], greyMax);
                    dst[i + 1] = (byte) scale(samples[i + 1], alphaMax);
                }
            } else {
                for (int x = 0; x < width; x++) {
                    dst[x] = (byte) scale(samples[x], greyMax);
                }
            }
        }

        private static int scale(int sample, int max) {
            return max == 255 ? sample : (sample * 255 + max / 2) / max;
        }
    }

    /** Everything else (palette, premultiplied, 16-bit colour, other colour spaces): sRGB via getRGB. */
    private static final class RgbRows extends Rows {
        private final BufferedImage image;
        private final int[] argb;

        RgbRows(BufferedImage image) {
            super(image.getColorModel().hasAlpha());
            this.image = image;
            this.argb = new int[image.getWidth()];
        }

        @Override
        void read(int y, byte[] dst) {
            int w = argb.length;
            image.getRGB(0, y, w, 1, argb, 0, w);
            int j = 0;
            for (int v : argb) {
                dst[j] = (byte) (v >> 16);
                dst[j + 1] = (byte) (v >> 8);
                dst[j + 2] = (byte) v;
                if (alpha) {
                    dst[j + 3] = (byte) (v >>> 24);
                    j += 4;
                } else {
                    j += 3;
                }
            }
        }
    }
}

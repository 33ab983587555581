package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngEncoderTest {

    private static final int[] TYPES = {
        BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
        BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR,
    };

    // ---- pixels round-trip, checked by the JDK's PNG reader and by the decoder at the bottom of this file

    @Test
    void should_round_trip_pixels_when_image_is_rgb() {
        BufferedImage image = TestImages.photoLike(257, 131, false, 1);

        Decoded png = assertRoundTrip(image, expectedArgb(image));

        assertThat(png.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_RGB);
    }

    @Test
    void should_round_trip_pixels_and_alpha_when_image_has_partial_and_full_transparency() {
        BufferedImage image = TestImages.photoLike(200, 120, true, 2);
        // Colour under fully transparent pixels must survive too, not be zeroed.
        image.setRGB(50, 50, 0x00123456);
        image.setRGB(51, 50, 0x01FEDCBA);
        image.setRGB(52, 50, 0xFE000000);

        Decoded png = assertRoundTrip(image, expectedArgb(image));

        assertThat(png.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_RGBA);
        assertThat(png.argb[50 * 200 + 50]).isEqualTo(0x00123456);
        assertThat(png.argb[0] >>> 24).isZero();
        assertThat(png.argb[10 * 200] >>> 24).isEqualTo(0x80);
    }

    @ParameterizedTest
    @ValueSource(ints = {
        BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
        BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_4BYTE_ABGR_PRE,
        BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_USHORT_565_RGB,
    })
    void should_round_trip_getRGB_when_source_has_any_rgb_layout(int type) {
        BufferedImage image = convert(TestImages.photoLike(97, 61, true, 3), type);

        Decoded png = assertRoundTrip(image, expectedArgb(image));

        assertThat(png.colourType).isEqualTo(image.getColorModel().hasAlpha()
                ? PngEncoder.COLOUR_TYPE_RGBA : PngEncoder.COLOUR_TYPE_RGB);
    }

    @Test
    void should_write_grey_samples_unchanged_when_image_is_grey() {
        BufferedImage image = new BufferedImage(256, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 3; y++) {
                image.getRaster().setSample(x, y, 0, (x + 7 * y) & 0xFF);
            }
        }

        byte[] png = PngEncoder.encode(image);

        Decoded d = decode(png);
        assertThat(d.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_GREY);
        BufferedImage jdk = read(png);
        BufferedImage old = read(TestImages.jdkPng(image, 1));      // what Easel wrote before PngEncoder
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 256; x++) {
                int v = image.getRaster().getSample(x, y, 0);
                assertThat(d.argb[y * 256 + x]).isEqualTo(0xFF000000 | v * 0x010101);
                assertThat(jdk.getRaster().getSample(x, y, 0)).isEqualTo(v);
                assertThat(old.getRaster().getSample(x, y, 0)).isEqualTo(v);
            }
        }
    }

    @Test
    void should_write_grey_and_alpha_when_grey_image_has_alpha() {
        java.awt.color.ColorSpace grey = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
        var cm = new java.awt.image.ComponentColorModel(grey, true, false, java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
        BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(3, 7), false, null);
        int[] samples = new int[3 * 7 * 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 37 + 11) & 0xFF;
        }
        image.getRaster().setPixels(0, 0, 3, 7, samples);

        Decoded d = decode(PngEncoder.encode(image));

        assertThat(d.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_GREY_ALPHA);
        for (int i = 0; i < 21; i++) {
            assertThat(d.argb[i]).isEqualTo(samples[2 * i + 1] << 24 | samples[2 * i] * 0x010101);
        }
        BufferedImage jdk = read(PngEncoder.encode(image));
        assertThat(jdk.getRaster().getPixels(0, 0, 3, 7, (int[]) null)).isEqualTo(samples);
    }

    @Test
    void should_round_to_8_bits_when_grey_is_16_bit() {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 128 * 257, 65535, 300});

        Decoded d = decode(PngEncoder.encode(image));

        assertThat(d.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_GREY);
        assertThat(d.argb).containsExactly(0xFF000000, 0xFF808080, 0xFFFFFFFF, 0xFF010101);
    }

    @Test
    void should_be_smaller_than_the_jdk_writer_when_image_is_grey() {
        BufferedImage image = convert(TestImages.photoLike(512, 512, false, 13), BufferedImage.TYPE_BYTE_GRAY);

        assertThat(PngEncoder.encode(image).length).isLessThan(TestImages.jdkPng(image, 1).length);
    }

    @Test
    void should_round_trip_colours_when_image_is_palette_indexed() {
        BufferedImage image = convert(TestImages.photoLike(120, 80, false, 4), BufferedImage.TYPE_BYTE_INDEXED);

        Decoded png = assertRoundTrip(image, expectedArgb(image));

        assertThat(png.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_RGB);
    }

    @Test
    void should_keep_transparency_when_palette_has_transparent_entries() {
        byte[] r = {0, (byte) 255, 10, 20};
        byte[] g = {0, 0, (byte) 200, 30};
        byte[] b = {0, 0, 0, (byte) 250};
        byte[] a = {0, (byte) 255, (byte) 128, (byte) 255};
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, r, g, b, a));
        for (int i = 0; i < 15; i++) {
            image.getRaster().setSample(i % 5, i / 5, 0, i % 4);
        }

        Decoded png = assertRoundTrip(image, expectedArgb(image));

        assertThat(png.colourType).isEqualTo(PngEncoder.COLOUR_TYPE_RGBA);
        assertThat(png.argb[2]).isEqualTo(0x800AC800);
    }

    @Test
    void should_round_trip_when_sizes_are_odd() {
        int[][] sizes = {{1, 1}, {3, 7}, {7, 3}, {1000, 1}, {1, 1000}, {2, 2}};
        for (int[] size : sizes) {
            for (int type : TYPES) {
                BufferedImage image = convert(TestImages.photoLike(size[0], size[1], true, size[0] * 31L + size[1]), type);
                assertRoundTrip(image, expectedArgb(image));
            }
            BufferedImage grey = convert(TestImages.photoLike(size[0], size[1], false, size[1]), BufferedImage.TYPE_BYTE_GRAY);
            int[] samples = grey.getRaster().getPixels(0, 0, size[0], size[1], (int[]) null);
            assertThat(read(PngEncoder.encode(grey)).getRaster().getPixels(0, 0, size[0], size[1], (int[]) null)).isEqualTo(samples);
            assertThat(decode(PngEncoder.encode(grey)).argb).isEqualTo(Arrays.stream(samples).map(v -> 0xFF000000 | v * 0x010101).toArray());
        }
    }

    @Test
    void should_read_only_the_subimage_when_raster_is_a_view_into_a_larger_one() {
        for (int type : TYPES) {
            BufferedImage whole = convert(TestImages.photoLike(90, 70, true, 5), type);
            BufferedImage part = whole.getSubimage(13, 21, 41, 29);

            assertRoundTrip(part, expectedArgb(part));
        }
    }

    @Test
    void should_give_identical_bytes_when_re_encoding_what_the_jdk_reader_decoded() {
        // The JDK reader hands back custom interleaved-byte layouts (R,G,B and R,G,B,A order).
        for (boolean alpha : new boolean[] {false, true}) {
            byte[] first = PngEncoder.encode(TestImages.photoLike(64, 40, alpha, 6));
            BufferedImage decoded = read(first);

            assertThat(PngEncoder.encode(decoded)).isEqualTo(first);
        }
    }

    @Test
    void should_round_trip_and_split_idat_when_image_is_large() {
        BufferedImage image = TestImages.photoLike(2400, 1700, true, 7);

        Decoded png = assertRoundTrip(image, expectedArgb(image));

        assertThat(png.idatSizes).hasSizeGreaterThan(10);
        List<Integer> allButLast = png.idatSizes.subList(0, png.idatSizes.size() - 1);
        assertThat(allButLast).allMatch(n -> n == PngEncoder.IDAT_SIZE);
        assertThat(png.idatSizes.get(png.idatSizes.size() - 1)).isBetween(1, PngEncoder.IDAT_SIZE);
    }

    @Test
    void should_pick_the_cheapest_filter_and_reverse_exactly_when_rows_vary() {
        SplittableRandom random = new SplittableRandom(42);
        int[] seen = new int[5];
        for (int trial = 0; trial < 5000; trial++) {
            int bpp = random.nextBoolean() ? 3 : 4;
            int n = bpp * (1 + random.nextInt(9));
            byte[] prev = new byte[n];
            byte[] cur = new byte[n];
            int mode = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                prev[i] = (byte) random.nextInt(256);
                cur[i] = (byte) switch (mode) {
                    case 0 -> random.nextInt(256);                                  // noise
                    case 1 -> prev[i] + random.nextInt(3) - 1;                      // like the row above
                    case 2 -> i * 9 + random.nextInt(2);                            // horizontal ramp
                    case 3 -> random.nextInt(3);                                    // near zero
                    default -> i < bpp ? random.nextInt(256) : 0;                   // set below from neighbours
                };
            }
            if (mode == 4) {
                for (int i = bpp; i < n; i++) {
                    cur[i] = (byte) ((cur[i - bpp] & 0xFF) + (prev[i] & 0xFF) - (prev[i - bpp] & 0xFF) + random.nextInt(3) - 1);
                }
            }
            byte[] dst = new byte[n + 1];

            PngEncoder.filterRow(cur, prev, bpp, dst, 0);

            int filter = dst[0];
            seen[filter]++;
            int[] back = new int[n];
            unfilter(filter, dst, 1, toInts(prev), back, bpp);
            assertThat(back).isEqualTo(toInts(cur));
            long[] costs = new long[5];
            for (int f = 0; f < 5; f++) {
                costs[f] = cost(f, cur, prev, bpp);
            }
            assertThat(costs[filter]).as("cost of chosen filter %d among %s", filter, Arrays.toString(costs))
                    .isEqualTo(Arrays.stream(costs).min().getAsLong());
        }
        assertThat(Arrays.stream(seen).boxed()).as("rows per filter type %s", Arrays.toString(seen)).allMatch(count -> count > 50);
    }

    @Test
    void should_round_trip_pixels_when_image_is_smooth_and_flat() {
        // No noise: long runs and clean gradients, where Sub, Up and Paeth win rows.
        BufferedImage image = new BufferedImage(301, 203, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new java.awt.GradientPaint(0, 0, Color.RED, 301, 203, new Color(0, 0, 255, 60)));
            g.fillRect(0, 0, 301, 203);
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillOval(40, 30, 150, 100);
            g.setColor(new Color(0, 128, 0, 200));
            g.fillRect(120, 90, 140, 80);
        } finally {
            g.dispose();
        }

        assertRoundTrip(image, expectedArgb(image));
        assertRoundTrip(convert(image, BufferedImage.TYPE_3BYTE_BGR), expectedArgb(convert(image, BufferedImage.TYPE_3BYTE_BGR)));
    }

    // ---- structure

    @Test
    void should_write_signature_ihdr_idat_iend_with_valid_crcs_when_encoding() {
        BufferedImage image = TestImages.photoLike(300, 200, true, 8);

        byte[] png = PngEncoder.encode(image);
        Decoded d = decode(png);                                 // checks every CRC and the chunk order

        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        assertThat(d.chunkTypes.get(0)).isEqualTo("IHDR");
        assertThat(d.chunkTypes.get(d.chunkTypes.size() - 1)).isEqualTo("IEND");
        assertThat(d.chunkTypes.subList(1, d.chunkTypes.size() - 1)).isNotEmpty().allMatch("IDAT"::equals);
        assertThat(d.width).isEqualTo(300);
        assertThat(d.height).isEqualTo(200);
        assertThat(Arrays.copyOfRange(png, png.length - 12, png.length))
                .as("IEND: empty, with the well-known CRC AE 42 60 82, and nothing after it")
                .containsExactly(0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82);
        assertThat(ImageDecoder.sniffOrThrow(png)).isEqualTo(ImageFormat.PNG);
        ImageDecoder.checkComplete(ImageFormat.PNG, png);
    }

    @Test
    void should_be_deterministic_and_thread_safe_when_called_concurrently() throws Exception {
        BufferedImage rgb = TestImages.photoLike(333, 222, false, 9);
        BufferedImage argb = TestImages.photoLike(222, 333, true, 10);
        byte[] expectedRgb = PngEncoder.encode(rgb);
        byte[] expectedArgb = PngEncoder.encode(argb);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                boolean alpha = i % 2 == 0;
                results.add(pool.submit(() -> Arrays.equals(PngEncoder.encode(alpha ? argb : rgb), alpha ? expectedArgb : expectedRgb)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- size

    @Test
    void should_be_at_least_15_percent_smaller_than_the_jdk_writer_when_image_is_photo_like() {
        BufferedImage image = TestImages.photoLike(1024, 768, false, 2024);

        int ours = PngEncoder.encode(image).length;
        int jdkLevel1 = TestImages.jdkPng(image, 1).length;        // Easel's previous setting
        int jdkDefault = defaultJdkPng(image).length;

        assertThat(ours).isLessThan((int) (jdkLevel1 * 0.85));
        assertThat(ours).isLessThan((int) (jdkDefault * 0.85));
    }

    @Test
    void should_encode_png_through_transcoder_when_target_is_png() {
        BufferedImage image = TestImages.photoLike(128, 96, true, 12);
        byte[] webp = TestImages.encode(image, ImageFormat.WEBP);    // lossless WebP

        byte[] png = new Transcoder(64_000_000).transcode(webp, TranscodeRequest.to(ImageFormat.PNG)).data();

        assertThat(png).isEqualTo(PngEncoder.encode(TestImages.decodeAsProduction(webp)));
        assertThat(decode(png).argb).isEqualTo(expectedArgb(image));
    }

    // ---- helpers

    /** Decodes with the JDK's PNG reader and with {@link #decode}, and compares both with {@code expected}. */
    private static Decoded assertRoundTrip(BufferedImage image, int[] expected) {
        byte[] png = PngEncoder.encode(image);
        int w = image.getWidth();
        int h = image.getHeight();

        Decoded independent = decode(png);
        assertThat(independent.width).isEqualTo(w);
        assertThat(independent.height).isEqualTo(h);
        assertThat(independent.argb).as("independent decoder, type %d, %dx%d", image.getType(), w, h).isEqualTo(expected);

        BufferedImage jdk = read(png);
        assertThat(jdk.getRGB(0, 0, w, h, null, 0, w)).as("JDK reader, type %d, %dx%d", image.getType(), w, h).isEqualTo(expected);
        return independent;
    }

    private static int[] expectedArgb(BufferedImage image) {
        int w = image.getWidth();
        int[] argb = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
        if (!image.getColorModel().hasAlpha()) {
            for (int i = 0; i < argb.length; i++) {
                argb[i] |= 0xFF000000;
            }
        }
        return argb;
    }

    private static BufferedImage convert(BufferedImage source, int type) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.setColor(Color.BLACK);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage read(byte[] png) {
        // The JDK's own PNG reader, picked the way production picks it.
        javax.imageio.ImageReader reader = Codecs.reader(ImageFormat.PNG);
        try (var in = new ByteArrayImageInputStream(png)) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            reader.dispose();
        }
    }

    private static byte[] defaultJdkPng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    /** The heuristic's cost, recomputed here from the specification: sum of |filtered byte as signed|. */
    private static long cost(int filter, byte[] cur, byte[] prev, int bpp) {
        long sum = 0;
        int[] x = toInts(cur);
        int[] up = toInts(prev);
        for (int i = 0; i < x.length; i++) {
            int a = i >= bpp ? x[i - bpp] : 0;
            int b = up[i];
            int c = i >= bpp ? up[i - bpp] : 0;
            int predicted = predictor(filter, a, b, c);
            sum += Math.abs((byte) (x[i] - predicted));
        }
        return sum;
    }

    record Decoded(int width, int height, int colourType, int[] argb, List<String> chunkTypes, List<Integer> idatSizes) {
    }

    /**
     * A deliberately small PNG decoder written from the specification, sharing no code with the
     * encoder: walks the chunks (checking each CRC and that IDATs are consecutive), inflates, undoes
     * the filters with the specification's formulas, and accepts only what PngEncoder may write
     * (8-bit grey, grey + alpha, RGB or RGBA, not interlaced). Pixels come back as ARGB ints, grey
     * copied to R, G and B.
     */
    static Decoded decode(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        byte[] signature = new byte[8];
        in.get(signature);
        assertThat(signature).containsExactly(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        List<String> types = new ArrayList<>();
        List<Integer> idatSizes = new ArrayList<>();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        int width = 0;
        int height = 0;
        int colourType = -1;
        while (in.hasRemaining()) {
            int length = in.getInt();
            assertThat(length).isNotNegative();
            byte[] typeAndData = new byte[4 + length];
            in.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertThat(in.getInt()).as("CRC of chunk %d", types.size()).isEqualTo((int) crc.getValue());
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            ByteBuffer data = ByteBuffer.wrap(typeAndData, 4, length);
            if (type.equals("IHDR")) {
                assertThat(types).isEmpty();
                assertThat(length).isEqualTo(13);
                width = data.getInt();
                height = data.getInt();
                assertThat(data.get()).as("bit depth").isEqualTo((byte) 8);
                colourType = data.get();
                assertThat(colourType).isIn(0, 2, 4, 6);
                assertThat(new byte[] {data.get(), data.get(), data.get()}).as("compression, filter, interlace").containsOnly(0);
            } else if (type.equals("IDAT")) {
                assertThat(types).last().isIn("IHDR", "IDAT");
                idatSizes.add(length);
                zlib.write(typeAndData, 4, length);
            } else {
                assertThat(type).isEqualTo("IEND");
                assertThat(length).isZero();
            }
            types.add(type);
            if (type.equals("IEND")) {
                assertThat(in.hasRemaining()).as("bytes after IEND").isFalse();
            }
        }
        assertThat(types).last().isEqualTo("IEND");
        assertThat(width).isPositive();
        assertThat(height).isPositive();

        int bpp = switch (colourType) {
            case 0 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
        int stride = width * bpp;
        byte[] raw = new byte[(stride + 1) * height];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib.toByteArray());
            int n = 0;
            while (n < raw.length && !inflater.finished()) {
                int got = inflater.inflate(raw, n, raw.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            assertThat(n).as("inflated bytes").isEqualTo(raw.length);
            assertThat(inflater.inflate(new byte[1])).as("extra inflated bytes").isZero();
            assertThat(inflater.finished()).as("zlib stream complete").isTrue();
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }

        int[] pixels = new int[width * height];
        int[] prev = new int[stride];
        int[] cur = new int[stride];
        for (int y = 0; y < height; y++) {
            int rowStart = y * (stride + 1);
            int filter = raw[rowStart];
            assertThat(filter).isBetween(0, 4);
            unfilter(filter, raw, rowStart + 1, prev, cur, bpp);
            for (int px = 0; px < width; px++) {
                int o = px * bpp;
                boolean grey = colourType == 0 || colourType == 4;
                int alpha = colourType == 6 ? cur[o + 3] : colourType == 4 ? cur[o + 1] : 0xFF;
                int rgb = grey ? cur[o] * 0x010101 : cur[o] << 16 | cur[o + 1] << 8 | cur[o + 2];
                pixels[y * width + px] = alpha << 24 | rgb;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return new Decoded(width, height, colourType, pixels, types, idatSizes);
    }

    /** The value a filter predicts from left (a), up (b) and up-left (c): PNG 9.2 to 9.4, Paeth included. */
    static int predictor(int filter, int a, int b, int c) {
        return switch (filter) {
            case 0 -> 0;
            case 1 -> a;
            case 2 -> b;
            case 3 -> (a + b) / 2;
            default -> {
                int p = a + b - c;
                int pa = Math.abs(p - a);
                int pb = Math.abs(p - b);
                int pc = Math.abs(p - c);
                yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            }
        };
    }

    /** Undoes one row's filter with the specification's formulas (PNG 9.2 to 9.4), into {@code cur}. */
    static void unfilter(int filter, byte[] raw, int off, int[] prev, int[] cur, int bpp) {
        for (int i = 0; i < cur.length; i++) {
            int x = raw[off + i] & 0xFF;
            int a = i >= bpp ? cur[i - bpp] : 0;
            int b = prev[i];
            int c = i >= bpp ? prev[i - bpp] : 0;
            int predicted = predictor(filter, a, b, c);
            cur[i] = (x + predicted) & 0xFF;
        }
    }
}

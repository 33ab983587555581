package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.media.MediaException.Reason;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TranscoderTest {

    private static final int W = 64;
    private static final int H = 48;

    private final Transcoder transcoder = new Transcoder(64_000_000);

    @BeforeAll
    static void warmUp() {
        Transcoder.warmUp();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (ImageFormat source : ImageFormat.values()) {
            for (boolean alpha : new boolean[] {false, true}) {
                if (source == ImageFormat.JPEG && alpha) {
                    continue; // a JPEG source cannot carry alpha
                }
                for (ImageFormat target : ImageFormat.values()) {
                    for (Integer quality : Arrays.asList(null, 0, 50, 90, 100)) {
                        cases.add(Arguments.of(source, alpha, target, quality));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} alpha={1} -> {2} q={3}")
    @MethodSource("matrix")
    void should_deliver_target_format_and_size_when_transcoding_any_source(
            ImageFormat source, boolean alpha, ImageFormat target, Integer quality) {
        BufferedImage original = TestImages.photoLike(W, H, alpha, 7);
        byte[] input = TestImages.encode(original, source);

        TranscodeResult result = transcoder.transcode(input, TranscodeRequest.to(target, quality));

        assertThat(ImageFormat.sniff(result.data())).contains(target);
        assertThat(result.format()).isEqualTo(target);
        assertThat(result.resizeFactor()).isNull();
        BufferedImage decoded = TestImages.decode(result.data());
        assertThat(decoded.getWidth()).isEqualTo(W);
        assertThat(decoded.getHeight()).isEqualTo(H);
        assertThat(result.width()).isEqualTo(W);
        assertThat(result.height()).isEqualTo(H);

        if (source == target) {
            assertThat(result.untouched()).isTrue();
            assertThat(result.data()).isSameAs(input);
        } else {
            assertThat(result.untouched()).isFalse();
        }
        if (target == ImageFormat.JPEG) {
            assertThat(decoded.getColorModel().hasAlpha()).isFalse();
            if (alpha) {
                // the fully transparent corner was flattened onto white
                int rgb = decoded.getRGB(2, 2);
                assertThat(channels(rgb)).allSatisfy(c -> assertThat(c).isGreaterThan(230));
            }
        } else if (alpha && source != ImageFormat.JPEG) {
            assertThat(decoded.getColorModel().hasAlpha()).isTrue();
            assertThat(decoded.getRGB(2, 2) >>> 24).isZero();
            assertThat(decoded.getRGB(W - 2, H - 2) >>> 24).isEqualTo(0xFF);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
            BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_BYTE_BINARY})
    void should_transcode_when_png_has_an_unusual_pixel_layout(int type) throws Exception {
        BufferedImage original = TestImages.photoLike(W, H, false, 8);
        BufferedImage odd = new BufferedImage(W, H, type);
        odd.createGraphics().drawImage(original, 0, 0, null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(odd, "png", out);

        for (ImageFormat target : ImageFormat.values()) {
            for (Integer quality : Arrays.asList(null, 100)) {
                TranscodeResult result = transcoder.transcode(out.toByteArray(), new TranscodeRequest(target, quality, 20, 30));
                BufferedImage decoded = TestImages.decode(result.data());
                assertThat(ImageFormat.sniff(result.data())).contains(target);
                assertThat(decoded.getWidth()).isEqualTo(20);
                assertThat(decoded.getHeight()).isEqualTo(30);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void should_keep_pixels_identical_when_webp_quality_is_100(boolean alpha) {
        BufferedImage original = TestImages.photoLike(W, H, alpha, 3);
        byte[] png = TestImages.encode(original, ImageFormat.PNG);

        TranscodeResult webp = transcoder.transcode(png, TranscodeRequest.to(ImageFormat.WEBP, 100));
        TranscodeResult back = transcoder.transcode(webp.data(), TranscodeRequest.to(ImageFormat.PNG));

        assertThat(argb(TestImages.decode(webp.data()))).isEqualTo(argb(original));
        assertThat(argb(TestImages.decode(back.data()))).isEqualTo(argb(original));
    }

    @Test
    void should_make_smaller_webp_when_quality_is_lower() {
        byte[] png = TestImages.encode(TestImages.photoLike(256, 256, false, 5), ImageFormat.PNG);

        int q20 = transcoder.transcode(png, TranscodeRequest.to(ImageFormat.WEBP, 20)).data().length;
        int q90 = transcoder.transcode(png, TranscodeRequest.to(ImageFormat.WEBP, 90)).data().length;

        assertThat(q20).isLessThan(q90);
    }

    @Test
    void should_crop_to_exact_size_when_exact_size_is_requested() {
        byte[] png = TestImages.encode(TestImages.photoLike(1000, 500, false, 11), ImageFormat.PNG);

        TranscodeResult result = transcoder.transcode(png, new TranscodeRequest(ImageFormat.JPEG, 90, 640, 640));

        BufferedImage decoded = TestImages.decode(result.data());
        assertThat(decoded.getWidth()).isEqualTo(640);
        assertThat(decoded.getHeight()).isEqualTo(640);
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(640);
        assertThat(result.resizeFactor()).isEqualTo(1.28);
        assertThat(result.untouched()).isFalse();
    }

    @Test
    void should_re_encode_same_format_when_exact_size_differs() {
        byte[] png = TestImages.encode(TestImages.photoLike(100, 50, true, 11), ImageFormat.PNG);

        TranscodeResult result = transcoder.transcode(png, new TranscodeRequest(ImageFormat.PNG, null, 30, 40));

        assertThat(result.untouched()).isFalse();
        assertThat(result.resizeFactor()).isEqualTo(0.8);
        BufferedImage decoded = TestImages.decode(result.data());
        assertThat(decoded.getWidth()).isEqualTo(30);
        assertThat(decoded.getHeight()).isEqualTo(40);
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void should_not_resize_when_image_already_has_exact_size() {
        byte[] png = TestImages.encode(TestImages.photoLike(64, 48, false, 11), ImageFormat.PNG);

        TranscodeResult sameFormat = transcoder.transcode(png, new TranscodeRequest(ImageFormat.PNG, null, 64, 48));
        TranscodeResult otherFormat = transcoder.transcode(png, new TranscodeRequest(ImageFormat.WEBP, null, 64, 48));

        assertThat(sameFormat.untouched()).isTrue();
        assertThat(sameFormat.data()).isSameAs(png);
        assertThat(sameFormat.resizeFactor()).isNull();
        assertThat(otherFormat.resizeFactor()).isNull();
        assertThat(otherFormat.width()).isEqualTo(64);
    }

    @Test
    void should_pass_bytes_through_without_decoding_only_when_format_and_size_already_match() {
        byte[] png = TestImages.encode(TestImages.photoLike(64, 48, false, 11), ImageFormat.PNG);

        TranscodeResult same = transcoder.passThrough(png, new TranscodeRequest(ImageFormat.PNG, null, 64, 48));

        assertThat(same.untouched()).isTrue();
        assertThat(same.data()).isSameAs(png);
        assertThat(transcoder.passThrough(png, TranscodeRequest.to(ImageFormat.JPEG))).isNull();
        assertThat(transcoder.passThrough(png, new TranscodeRequest(ImageFormat.PNG, null, 32, 48))).isNull();
        assertReason(() -> transcoder.passThrough(Arrays.copyOf(png, png.length - 20), TranscodeRequest.to(ImageFormat.PNG)),
                Reason.TRUNCATED);
        assertReason(() -> new Transcoder(64 * 47).passThrough(png, TranscodeRequest.to(ImageFormat.PNG)), Reason.TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", "{\"error\":\"x\"}", "hello"})
    void should_refuse_as_not_an_image_when_bytes_are_text(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);

        assertReason(() -> transcoder.transcode(data, TranscodeRequest.to(ImageFormat.PNG)), Reason.NOT_AN_IMAGE);
        assertReason(() -> transcoder.probe(data), Reason.NOT_AN_IMAGE);
    }

    @Test
    void should_refuse_as_unsupported_when_image_is_gif() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

        assertReason(() -> transcoder.transcode(gif, TranscodeRequest.to(ImageFormat.PNG)), Reason.UNSUPPORTED_FORMAT);
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void should_refuse_as_truncated_when_image_is_cut_in_half(ImageFormat source) {
        byte[] whole = TestImages.encode(TestImages.photoLike(200, 150, false, 9), source);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        for (ImageFormat target : ImageFormat.values()) {
            assertReason(() -> transcoder.transcode(half, TranscodeRequest.to(target)), Reason.TRUNCATED);
        }
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void should_pass_through_when_bytes_trail_a_complete_image(ImageFormat format) {
        byte[] whole = TestImages.encode(TestImages.photoLike(200, 150, false, 9), format);
        byte[] trailed = Arrays.copyOf(whole, whole.length + 4096);

        TranscodeResult result = transcoder.transcode(trailed, TranscodeRequest.to(format));

        assertThat(result.untouched()).isTrue();
        assertThat(result.data()).isSameAs(trailed);
    }

    @Test
    void should_refuse_truncated_jpeg_when_a_thumbnail_eoi_precedes_the_cut() {
        byte[] whole = TestImages.encode(TestImages.photoLike(200, 150, false, 9), ImageFormat.JPEG);
        // An APP1 segment carrying FF D9, as an EXIF thumbnail would, inserted after SOI.
        byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0, 8, 'E', 'x', 'i', 'f', (byte) 0xFF, (byte) 0xD9};
        byte[] withThumb = new byte[whole.length + app1.length];
        System.arraycopy(whole, 0, withThumb, 0, 2);
        System.arraycopy(app1, 0, withThumb, 2, app1.length);
        System.arraycopy(whole, 2, withThumb, 2 + app1.length, whole.length - 2);
        byte[] half = Arrays.copyOf(withThumb, withThumb.length / 2);

        assertThat(transcoder.transcode(withThumb, TranscodeRequest.to(ImageFormat.JPEG)).untouched()).isTrue();
        assertReason(() -> transcoder.transcode(half, TranscodeRequest.to(ImageFormat.JPEG)), Reason.TRUNCATED);
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void should_refuse_as_truncated_when_garbage_follows_valid_magic(ImageFormat source) {
        byte[] magic = switch (source) {
            case PNG -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
            case JPEG -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case WEBP -> "RIFF\u0000\u0010\u0000\u0000WEBP".getBytes(StandardCharsets.ISO_8859_1);
        };
        byte[] garbage = new byte[4096];
        new SplittableRandom(42).nextBytes(garbage);
        byte[] data = new byte[magic.length + garbage.length];
        System.arraycopy(magic, 0, data, 0, magic.length);
        System.arraycopy(garbage, 0, data, magic.length, garbage.length);
        ImageFormat other = source == ImageFormat.PNG ? ImageFormat.JPEG : ImageFormat.PNG;

        assertReason(() -> transcoder.transcode(data, TranscodeRequest.to(other)), Reason.TRUNCATED);
        assertReason(() -> transcoder.transcode(data, TranscodeRequest.to(source)), Reason.TRUNCATED);
    }

    @Test
    void should_refuse_bomb_quickly_without_allocating_pixels_when_header_declares_too_many_pixels() {
        byte[] bomb = TestImages.pngBomb(100_000, 100_000);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();

        for (ImageFormat target : ImageFormat.values()) {
            assertReason(() -> transcoder.transcode(bomb, TranscodeRequest.to(target)), Reason.TOO_LARGE);
        }
        assertReason(() -> transcoder.transcode(bomb, new TranscodeRequest(ImageFormat.JPEG, null, 10, 10)), Reason.TOO_LARGE);

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        long grown = rt.totalMemory() - rt.freeMemory() - before;
        assertThat(elapsedMs).isLessThan(1_000);
        assertThat(grown).isLessThan(50L * 1024 * 1024);
    }

    @Test
    void should_refuse_as_too_large_when_image_is_just_over_the_limit() {
        Transcoder small = new Transcoder(64 * 48 - 1);
        byte[] png = TestImages.encode(TestImages.photoLike(64, 48, false, 1), ImageFormat.PNG);

        assertReason(() -> small.transcode(png, TranscodeRequest.to(ImageFormat.JPEG)), Reason.TOO_LARGE);
        assertThat(new Transcoder(64 * 48).transcode(png, TranscodeRequest.to(ImageFormat.JPEG)).width()).isEqualTo(64);
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void should_probe_dimensions_when_image_is_valid(ImageFormat format) {
        byte[] data = TestImages.encode(TestImages.photoLike(123, 45, false, 2), format);

        assertThat(transcoder.probe(data)).isEqualTo(new ImageInfo(format, 123, 45));
    }

    @Test
    void should_probe_dimensions_without_decoding_when_header_declares_huge_image() {
        byte[] bomb = TestImages.pngBomb(100_000, 100_000);
        long start = System.nanoTime();

        ImageInfo info = transcoder.probe(bomb);

        assertThat(info).isEqualTo(new ImageInfo(ImageFormat.PNG, 100_000, 100_000));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void should_give_consistent_results_when_called_from_many_threads() throws Exception {
        byte[] png = TestImages.encode(TestImages.photoLike(300, 200, true, 4), ImageFormat.PNG);
        byte[] webp = transcoder.transcode(png, TranscodeRequest.to(ImageFormat.WEBP, 80)).data();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<TranscodeResult>> futures = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                ImageFormat target = ImageFormat.values()[i % 3];
                byte[] input = i % 2 == 0 ? png : webp;
                futures.add(pool.submit(() -> transcoder.transcode(input, new TranscodeRequest(target, 80, 150, 150))));
            }
            for (Future<TranscodeResult> f : futures) {
                TranscodeResult r = f.get();
                assertThat(ImageFormat.sniff(r.data())).contains(r.format());
                BufferedImage decoded = TestImages.decode(r.data());
                assertThat(decoded.getWidth()).isEqualTo(150);
                assertThat(decoded.getHeight()).isEqualTo(150);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_reject_negative_limit_when_constructed() {
        assertThatThrownBy(() -> new Transcoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(MediaException.class)
                .satisfies(e -> assertThat(((MediaException) e).reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static List<Integer> channels(int rgb) {
        return List.of(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }
}

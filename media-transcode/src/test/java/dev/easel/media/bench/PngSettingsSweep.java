package dev.easel.media.bench;

import dev.easel.media.ImageFormat;
import dev.easel.media.TestImages;
import dev.easel.media.TranscodeRequest;
import dev.easel.media.Transcoder;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * How {@code PngEncoder}'s zlib level and strategy trade time for size, next to the JDK writer it
 * replaced. Not a test: run it by hand to revisit {@code PngEncoder.DEFLATE_LEVEL}/{@code DEFLATE_STRATEGY}
 * (command in the module README).
 *
 * <p>Two inputs per size: the raw photo-like image (per-pixel noise, hard to compress) and the same
 * pixels after a WebP q90 round trip, which is what the benchmark's WebP to PNG row encodes.
 * System properties: {@code bench.n} (default 7), {@code bench.warmup} (default 3),
 * {@code bench.sizes} (default "1024,2048").
 */
public final class PngSettingsSweep {

    private static final int N = Integer.getInteger("bench.n", 7);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);

    private PngSettingsSweep() {
    }

    public static void main(String[] args) {
        Transcoder.warmUp();
        System.out.printf(Locale.ROOT, "N=%d, warm-up=%d, cores=%d, java %s%n",
                N, WARMUP, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-22s %-6s %-26s %9s %11s%n", "input", "size", "encoder", "med ms", "bytes");
        for (String edge : System.getProperty("bench.sizes", "1024,2048").split(",")) {
            int size = Integer.parseInt(edge.trim());
            String mp = String.format(Locale.ROOT, "%.0f MP", size * (double) size / 1e6);
            BufferedImage photo = TestImages.photoLike(size, size, false, 2024);
            byte[] webp = new Transcoder(64_000_000)
                    .transcode(TestImages.jdkPng(photo, 1), TranscodeRequest.to(ImageFormat.WEBP, 90)).data();
            BufferedImage fromWebp = TestImages.decodeAsProduction(webp);
            for (var input : new Object[][] {{"photo-like", photo}, {"after WebP q90", fromWebp}}) {
                String name = (String) input[0];
                BufferedImage image = (BufferedImage) input[1];
                row(name, mp, "JDK writer, level 1", () -> TestImages.jdkPng(image, 1));
                for (int level : new int[] {1, 2, 3, 4, 5, 6, 9}) {
                    row(name, mp, "level " + level + " DEFAULT", () -> TestImages.png(image, level, Deflater.DEFAULT_STRATEGY));
                    row(name, mp, "level " + level + " FILTERED", () -> TestImages.png(image, level, Deflater.FILTERED));
                }
                row(name, mp, "HUFFMAN_ONLY", () -> TestImages.png(image, 1, Deflater.HUFFMAN_ONLY));
            }
        }
    }

    private static void row(String input, String size, String encoder, Supplier<byte[]> encode) {
        for (int i = 0; i < WARMUP; i++) {
            encode.get();
        }
        double[] times = new double[N];
        int bytes = 0;
        for (int i = 0; i < N; i++) {
            long start = System.nanoTime();
            bytes = encode.get().length;
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "%-22s %-6s %-26s %9.1f %11d%n", input, size, encoder, times[N / 2], bytes);
    }
}

package dev.easel.media.bench;

import dev.easel.media.ImageFormat;
import dev.easel.media.TestImages;
import dev.easel.media.TranscodeRequest;
import dev.easel.media.Transcoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Easel's in-process conversions against libwebp's and libjpeg-turbo's own command-line tools on
 * the same input files, in one run. Not a test: run it by hand (command in the module README).
 *
 * <p>Each iteration alternates Easel and the tool so that load from other processes on a shared
 * machine hits both sides alike. CLI timings include process start-up and file I/O; the
 * {@code start-up} row measures that fixed cost ({@code cwebp -version}). Easel timings are bytes in
 * memory to bytes in memory, which is how the gateway calls it.
 *
 * <p>System properties: {@code bench.n} (iterations, default 15), {@code bench.warmup} (default 5),
 * {@code bench.sizes} (edge lengths, default "1024,2048" = 1 MP and 4 MP).
 */
public final class TranscodeBenchmark {

    private static final int N = Integer.getInteger("bench.n", 15);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);

    private TranscodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ImageIO.setUseCache(false);
        long t0 = System.nanoTime();
        Transcoder.warmUp();
        System.out.printf(Locale.ROOT, "native libwebp warm-up: %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        String cwebp = which("cwebp");
        String dwebp = which("dwebp");
        String cjpeg = which("cjpeg");
        if (cwebp == null || dwebp == null) {
            System.out.println("!! SKIPPING libwebp comparison: cwebp/dwebp not found on PATH."
                    + " Install with: apt-get update && apt-get install -y webp");
        }
        if (cjpeg == null) {
            System.out.println("!! SKIPPING libjpeg-turbo comparison: cjpeg not found on PATH."
                    + " Install with: apt-get install -y libjpeg-turbo-progs");
        }

        Transcoder transcoder = new Transcoder(64_000_000);
        Path dir = Files.createTempDirectory("easel-bench");
        System.out.printf(Locale.ROOT, "inputs in %s, N=%d, warm-up=%d, cores=%d, java %s%n%n",
                dir, N, WARMUP, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        List<Row> rows = new ArrayList<>();
        if (cwebp != null) {
            rows.add(measureCli("start-up (cwebp -version)", "-", () -> 0L, List.of(cwebp, "-version")));
        }
        for (String edge : System.getProperty("bench.sizes", "1024,2048").split(",")) {
            int size = Integer.parseInt(edge.trim());
            double megapixels = size * (double) size / 1e6;
            String mp = String.format(Locale.ROOT, megapixels < 1 ? "%.2f MP" : "%.0f MP", megapixels);
            BufferedImage image = TestImages.photoLike(size, size, false, 2024);

            // Inputs are written by tools neither side is measured on: ImageIO's default PNG writer,
            // Easel's lossy q90 WebP, and a raw PPM (cjpeg cannot read PNG).
            byte[] png = defaultPng(image);
            byte[] webp = new Transcoder(64_000_000).transcode(png, TranscodeRequest.to(ImageFormat.WEBP, 90)).data();
            Path pngFile = write(dir.resolve("in-" + size + ".png"), png);
            Path webpFile = write(dir.resolve("in-" + size + ".webp"), webp);
            Path ppmFile = write(dir.resolve("in-" + size + ".ppm"), ppm(image));
            Path out = dir.resolve("out");

            rows.add(compare("PNG -> WebP q90", mp,
                    () -> (long) transcoder.transcode(png, TranscodeRequest.to(ImageFormat.WEBP, 90)).data().length,
                    cwebp == null ? null : List.of(cwebp, "-quiet", "-q", "90", pngFile.toString(), "-o", out + ".webp"),
                    out + ".webp"));
            // dwebp 1.2.x has no -png flag: PNG (via libpng) is its default output.
            rows.add(compare("WebP -> PNG", mp,
                    () -> (long) transcoder.transcode(webp, TranscodeRequest.to(ImageFormat.PNG)).data().length,
                    dwebp == null ? null : List.of(dwebp, "-quiet", webpFile.toString(), "-o", out + ".png"),
                    out + ".png"));
            // The same conversion with the JDK PNG writer at level 1, Easel's PNG encoder until
            // PngEncoder: before and after in one run, on the same machine load.
            rows.add(compare("  WebP -> PNG, old JDK writer", mp,
                    () -> (long) TestImages.jdkPng(TestImages.decodeAsProduction(webp), 1).length,
                    dwebp == null ? null : List.of(dwebp, "-quiet", webpFile.toString(), "-o", out + ".png"),
                    out + ".png"));
            rows.add(compare("PNG -> JPEG q90 (cjpeg from PPM)", mp,
                    () -> (long) transcoder.transcode(png, TranscodeRequest.to(ImageFormat.JPEG, 90)).data().length,
                    cjpeg == null ? null : List.of(cjpeg, "-quality", "90", "-outfile", out + ".jpg", ppmFile.toString()),
                    out + ".jpg"));
            // Like for like with cjpeg, which never decodes a PNG: Easel's JPEG encode alone.
            rows.add(compare("  pixels -> JPEG q90 (encode only)", mp,
                    () -> (long) TestImages.encodeOnly(image, ImageFormat.JPEG, 90).length,
                    cjpeg == null ? null : List.of(cjpeg, "-quality", "90", "-outfile", out + ".jpg", ppmFile.toString()),
                    out + ".jpg"));
        }

        deleteAll(dir);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-36s %-6s %12s %12s %8s %11s %11s%n",
                "conversion", "size", "Easel med ms", "CLI med ms", "ratio", "Easel bytes", "CLI bytes");
        for (Row r : rows) {
            System.out.println(r.format());
        }
        System.out.println();
        System.out.println("ratio = Easel median / CLI median (below 1.00: Easel faster). CLI times include process start and file I/O.");
    }

    record Row(String name, String size, double easelMs, double cliMs, long easelBytes, long cliBytes) {
        String format() {
            String ratio = Double.isNaN(cliMs) || Double.isNaN(easelMs) ? "-" : String.format(Locale.ROOT, "%.2f", easelMs / cliMs);
            return String.format(Locale.ROOT, "%-36s %-6s %12s %12s %8s %11s %11s", name, size,
                    fmt(easelMs), fmt(cliMs), ratio, easelBytes < 0 ? "-" : easelBytes, cliBytes < 0 ? "-" : cliBytes);
        }

        private static String fmt(double ms) {
            return Double.isNaN(ms) ? "skipped" : String.format(Locale.ROOT, "%.1f", ms);
        }
    }

    private static Row compare(String name, String size, Supplier<Long> easel, List<String> cli, String cliOut) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            easel.get();
            if (cli != null) {
                run(cli);
            }
        }
        double[] easelTimes = new double[N];
        double[] cliTimes = new double[N];
        long easelBytes = 0;
        for (int i = 0; i < N; i++) {
            long start = System.nanoTime();
            easelBytes = easel.get();
            easelTimes[i] = (System.nanoTime() - start) / 1e6;
            if (cli != null) {
                start = System.nanoTime();
                run(cli);
                cliTimes[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        long cliBytes = cli == null ? -1 : Files.size(Path.of(cliOut));
        Row row = new Row(name, size, median(easelTimes), cli == null ? Double.NaN : median(cliTimes), easelBytes, cliBytes);
        System.out.println(row.format());
        return row;
    }

    private static Row measureCli(String name, String size, Supplier<Long> ignored, List<String> cli) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            run(cli);
        }
        double[] times = new double[N];
        for (int i = 0; i < N; i++) {
            long start = System.nanoTime();
            run(cli);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Row row = new Row(name, size, Double.NaN, median(times), -1, -1);
        System.out.println(row.format());
        return row;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
        }
    }

    private static String which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static byte[] defaultPng(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] ppm(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] header = ("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + w * h * 3];
        System.arraycopy(header, 0, out, 0, header.length);
        int[] row = new int[w];
        int i = header.length;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int rgb : row) {
                out[i++] = (byte) (rgb >> 16);
                out[i++] = (byte) (rgb >> 8);
                out[i++] = (byte) rgb;
            }
        }
        return out;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static Path write(Path path, byte[] data) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(data);
        }
        return path;
    }
}

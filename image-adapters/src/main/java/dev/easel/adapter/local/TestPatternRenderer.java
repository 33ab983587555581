package dev.easel.adapter.local;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders the {@code test-pattern} picture: a gradient, translucent shapes and the prompt's
 * words, all derived from a hash of prompt and seed, so the same inputs give the same PNG
 * bytes and different prompts or seeds look different. Pure and blocking: call it on a
 * worker thread.
 *
 * <p>Determinism: nothing reads the clock, the locale or a font cache beyond the platform's
 * logical {@code SansSerif} font; the same JDK and fonts give identical bytes.
 */
final class TestPatternRenderer {

    static final int MIN_SIDE = 64;
    static final int MAX_SIDE = 4096;

    /**
     * The JDK's PNG writer maps quality q to deflate level (int) (9 * (1 - q)): 0.85 is level
     * 1, several times faster than the default level for a few percent more bytes.
     */
    private static final float PNG_QUALITY = 0.85f;

    static {
        // A server has no display; without this AWT may look for one before drawing text.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private TestPatternRenderer() {
    }

    /** A PNG of exactly {@code width x height}, each side in {@code [64, 4096]}. */
    static byte[] render(String prompt, long seed, int width, int height) {
        return png(renderImage(prompt, seed, width, height));
    }

    /**
     * {@code count} coarser versions of a finished picture, coarsest first, each a PNG of the
     * full size made of ever smaller blocks: the previews a streaming caller sees before the
     * image itself, so partial streaming works with no provider at all.
     */
    static List<byte[]> previews(byte[] png, int count) {
        BufferedImage full;
        try {
            full = ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered PNG could not be read back", e);
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int block = 8 << (count - 1 - i);
            out.add(png(pixelate(full, block)));
        }
        return out;
    }

    /** Each {@code block x block} square takes the colour of its top-left pixel. */
    private static BufferedImage pixelate(BufferedImage full, int block) {
        int width = full.getWidth();
        int height = full.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, full.getRGB(x - x % block, y - y % block));
            }
        }
        return out;
    }

    /** The picture itself, for callers that draw it over something else (edits). */
    static BufferedImage renderImage(String prompt, long seed, int width, int height) {
        Objects.requireNonNull(prompt, "prompt");
        if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("test-pattern sides must be within " + MIN_SIDE + ".." + MAX_SIDE
                    + ", got " + width + "x" + height);
        }
        SplittableRandom random = new SplittableRandom(hash(prompt, seed));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // Grayscale text antialiasing: LCD modes depend on the desktop's settings.
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            drawBackground(g, random, width, height);
            drawShapes(g, random, width, height);
            drawWords(g, prompt, width, height);
            drawLabel(g, seed, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawBackground(Graphics2D g, SplittableRandom random, int width, int height) {
        float hue = random.nextInt(360) / 360f;
        Color from = Color.getHSBColor(hue, 0.55f + random.nextInt(30) / 100f, 0.75f);
        Color to = Color.getHSBColor(hue + 0.25f + random.nextInt(50) / 100f, 0.6f, 0.35f);
        boolean diagonal = random.nextBoolean();
        g.setPaint(new GradientPaint(0, 0, from, diagonal ? width : 0, height, to));
        g.fillRect(0, 0, width, height);
    }

    private static void drawShapes(Graphics2D g, SplittableRandom random, int width, int height) {
        int count = 6 + random.nextInt(9);
        int scale = Math.min(width, height);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
        for (int i = 0; i < count; i++) {
            g.setColor(Color.getHSBColor(random.nextInt(360) / 360f, 0.7f, 0.95f));
            double size = scale * (0.1 + random.nextDouble() * 0.4);
            double x = random.nextDouble() * width - size / 2;
            double y = random.nextDouble() * height - size / 2;
            switch (random.nextInt(4)) {
                case 0 -> g.fill(new Ellipse2D.Double(x, y, size, size * (0.5 + random.nextDouble())));
                case 1 -> g.fill(new RoundRectangle2D.Double(x, y, size, size * (0.5 + random.nextDouble()),
                        size / 8, size / 8));
                case 2 -> g.fillPolygon(new Polygon(
                        new int[] {(int) x, (int) (x + size), (int) (x + size * random.nextDouble())},
                        new int[] {(int) (y + size), (int) (y + size), (int) y}, 3));
                default -> {
                    g.setStroke(new BasicStroke((float) Math.max(2, scale / 80.0)));
                    g.draw(new Ellipse2D.Double(x, y, size, size));
                }
            }
        }
        g.setComposite(AlphaComposite.SrcOver);
    }

    /** The prompt's words, wrapped to 85% of the width, as many lines as fit. */
    private static void drawWords(Graphics2D g, String prompt, int width, int height) {
        String[] words = prompt.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return;
        }
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, Math.min(width, height) / 12));
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int maxWidth = (int) (width * 0.85);
        int lineHeight = metrics.getHeight();
        int maxLines = Math.max(1, (int) (height * 0.8) / lineHeight);
        List<String> lines = wrap(words, metrics, maxWidth, maxLines);
        int y = (height - lines.size() * lineHeight) / 2 + metrics.getAscent();
        int shadow = Math.max(1, font.getSize() / 16);
        for (String line : lines) {
            int x = (width - metrics.stringWidth(line)) / 2;
            g.setColor(new Color(0, 0, 0, 160));
            g.drawString(line, x + shadow, y + shadow);
            g.setColor(Color.WHITE);
            g.drawString(line, x, y);
            y += lineHeight;
        }
    }

    static List<String> wrap(String[] words, FontMetrics metrics, int maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && metrics.stringWidth(candidate) > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
            if (lines.size() == maxLines) {
                break;
            }
        }
        if (lines.size() < maxLines && line.length() > 0) {
            lines.add(line.toString());
        }
        // A word wider than the picture is cut rather than drawn off the edge.
        lines.replaceAll(l -> fit(l, metrics, maxWidth));
        return lines;
    }

    private static String fit(String line, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(line) <= maxWidth) {
            return line;
        }
        String cut = line;
        while (cut.length() > 1 && metrics.stringWidth(cut + "\u2026") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }

    private static void drawLabel(Graphics2D g, long seed, int width, int height) {
        int size = Math.max(8, Math.min(width, height) / 48);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, size));
        g.setColor(new Color(255, 255, 255, 200));
        g.drawString("easel test-pattern " + width + "x" + height + " seed " + seed, size / 2, height - size / 2);
    }

    /** SHA-256 of prompt and seed: every character of the prompt moves every colour. */
    private static long hash(String prompt, long seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prompt.getBytes(StandardCharsets.UTF_8));
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] png(BufferedImage image) {
        ImageWriter writer = pngWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2);
        // A memory stream, not ImageIO.createImageOutputStream: that one may cache to disk.
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(PNG_QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JDK's own writer: a plugin on the classpath must not change the bytes or the speed. */
    private static ImageWriter pngWriter() {
        ImageWriter fallback = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png"); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
                return writer;
            }
            fallback = fallback == null ? writer : fallback;
        }
        if (fallback == null) {
            throw new IllegalStateException("no PNG writer available");
        }
        return fallback;
    }
}

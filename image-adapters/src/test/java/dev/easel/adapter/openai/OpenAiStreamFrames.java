package dev.easel.adapter.openai;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * OpenAI image-stream events exactly as provider-edits.md section 2 gives them: {@code event:
 * <type>}, one {@code data:} line of JSON whose {@code type} repeats it, a blank line; partial
 * events with {@code partial_image_index}, completed ones with {@code usage}. Images are real
 * PNG and JPEG bytes (the JDK encodes both), plus a real 1x1 lossy WebP.
 */
final class OpenAiStreamFrames {

    /** A 1x1 lossy WebP (VP8), the smallest real one. */
    static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    static final long CREATED_AT = 1756548000L;

    private OpenAiStreamFrames() {
    }

    /** {@code image_generation} or {@code image_edit}. */
    static String partial(String prefix, byte[] image, String format, String size, int partialIndex) {
        return frame(prefix + ".partial_image", common(prefix + ".partial_image", image, format, size)
                .put("partial_image_index", partialIndex));
    }

    static String completed(String prefix, byte[] image, String format, String size) {
        return frame(prefix + ".completed", common(prefix + ".completed", image, format, size)
                .put("usage", new JsonObject().put("total_tokens", 4250).put("input_tokens", 50).put("output_tokens", 4200)
                        .put("input_tokens_details", new JsonObject().put("text_tokens", 50).put("image_tokens", 0))));
    }

    /** A mid-stream error in OpenAI's envelope (its spelling of a moderation refusal). */
    static String error(String code, String type) {
        return frame("error", new JsonObject().put("type", "error").put("error", new JsonObject()
                .put("type", type).put("code", code)
                .put("message", "Your request was rejected by the safety system.").put("param", null)));
    }

    static String frame(String type, JsonObject data) {
        return "event: " + type + "\ndata: " + data.encode() + "\n\n";
    }

    private static JsonObject common(String type, byte[] image, String format, String size) {
        return new JsonObject()
                .put("type", type)
                .put("b64_json", Base64.getEncoder().encodeToString(image))
                .put("created_at", CREATED_AT)
                .put("size", size)
                .put("quality", "high")
                .put("background", "opaque")
                .put("output_format", format);
    }

    /** A real picture: a gradient, brighter with {@code shade} so previews differ from the image. */
    static byte[] image(String format, int width, int height, int shade) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(20 + shade, 40, 120), width, height, new Color(240, 160, 50)));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format.equals("jpeg") ? "jpg" : format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

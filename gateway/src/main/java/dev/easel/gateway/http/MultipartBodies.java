package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.api.FormFile;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a whole, already bounded multipart body with Netty's decoder, in memory. Parts are
 * taken by their field name: {@code image}, {@code image[]} and {@code mask} are files whether
 * or not the client gave them a filename (SDKs sending bytes often do not, and the server's
 * own form handling would then decode them as text); every other part is a text value.
 * CPU work proportional to the body: run it on a worker.
 */
final class MultipartBodies {

    static final Set<String> FILE_FIELDS = Set.of("image", "image[]", "mask");
    private static final int MAX_FIELDS = 256;

    record Decoded(MultiMap form, List<FormFile> files) {
    }

    private MultipartBodies() {
    }

    static Decoded decode(Buffer body, String contentType, long maxFileBytes, int maxValueBytes) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body.getBytes()));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostMultipartRequestDecoder decoder;
        try {
            decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), request,
                    StandardCharsets.UTF_8, MAX_FIELDS, body.length() + 1);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IllegalArgumentException e) {
            throw ApiErrors.invalid(null, "The multipart body could not be read (check its boundary).");
        }
        try {
            MultiMap form = MultiMap.caseInsensitiveMultiMap();
            List<FormFile> files = new ArrayList<>();
            for (InterfaceHttpData part : decoder.getBodyHttpDatas()) {
                if (!(part instanceof HttpData data)) {
                    continue;
                }
                String name = part.getName();
                byte[] bytes = data.get();
                if (FILE_FIELDS.contains(name)) {
                    if (bytes.length > maxFileBytes) {
                        String param = name.equals("mask") ? "mask" : "image";
                        throw ApiErrors.invalid(param, "'" + name + "' is larger than " + maxFileBytes
                                + " bytes (EASEL_MAX_INPUT_BYTES).");
                    }
                    files.add(new FormFile(name, bytes));
                } else {
                    if (bytes.length > maxValueBytes) {
                        throw ApiErrors.invalid(name, "'" + name + "' is longer than " + maxValueBytes + " bytes.");
                    }
                    form.add(name, new String(bytes, StandardCharsets.UTF_8));
                }
            }
            return new Decoded(form, files);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | HttpPostRequestDecoder.TooManyFormFieldsException e) {
            throw ApiErrors.invalid(null, "The multipart body could not be read (malformed or more than "
                    + MAX_FIELDS + " parts).");
        } catch (IOException e) {
            throw ApiErrors.invalid(null, "The multipart body could not be read.");
        } finally {
            decoder.destroy();
            request.release();
        }
    }
}

package dev.easel.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, bytes exactly as given: no client normalizes the
 * path, fixes the headers or frames the body. For tests of what the gateway does with what
 * real clients would never send.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** What came back; {@code status} -1 when the server closed without answering. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject error() {
            return new JsonObject(body).getJsonObject("error");
        }
    }

    /** A request with {@code Host: 127.0.0.1:port} and {@code Connection: close}, plus the given header lines. */
    public Response send(String method, String rawTarget, String headerLines, String body) throws IOException {
        return send(method, rawTarget, "127.0.0.1:" + port, headerLines, body);
    }

    /** As {@link #send(String, String, String, String)} with the given {@code Host} value. */
    public Response send(String method, String rawTarget, String host, String headerLines, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Connection: close\r\n");
        if (headerLines != null && !headerLines.isEmpty()) {
            head.append(headerLines.endsWith("\r\n") ? headerLines : headerLines + "\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(bytes);
        return exchange(all.toByteArray());
    }

    /** Writes {@code raw} as is and reads until the server closes the connection (10 s at most). */
    public Response exchange(byte[] raw) throws IOException {
        try (Socket socket = open()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    public Socket open() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    /** Reads one response until end of stream; a read timeout counts as "no answer". */
    public static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException stoppedReading) {
            // parse what arrived
        }
        return parse(got.toString(StandardCharsets.UTF_8));
    }

    private static Response parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Response(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}

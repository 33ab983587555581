package dev.easel.gateway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary inside the embedded-redis jar) on 127.0.0.1 and a free
 * port, with no persistence. {@link #stop()} kills it and {@link #start()} brings a fresh one
 * back on the same port, which is how the tests take Redis away mid-run.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    public static RedisServerProcess start() throws IOException {
        RedisServerProcess p = new RedisServerProcess(freePort());
        p.restart();
        return p;
    }

    /** Starts a fresh, empty server on the same port (after {@link #stop()}). */
    public synchronized void restart(String... settings) throws IOException {
        var builder = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("protected-mode yes");
        for (String s : settings) {
            builder.setting(s);
        }
        server = builder.build();
        server.start();
    }

    public synchronized void stop() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}

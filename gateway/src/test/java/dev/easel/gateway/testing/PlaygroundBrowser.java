package dev.easel.gateway.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway and a headless Chromium for a whole browser test class
 * ({@code @RegisterExtension static final}); the browser closes first, then the gateway.
 */
public final class PlaygroundBrowser implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> env;
    private RunningGateway gateway;
    private HeadlessChromium chromium;

    private PlaygroundBrowser(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A gateway with no keys, as the README's start command runs it. */
    public static PlaygroundBrowser onOpenGateway() {
        return new PlaygroundBrowser(Map.of());
    }

    /** A gateway started with these extra variables, e.g. {@code EASEL_API_KEYS}. */
    public static PlaygroundBrowser onGateway(Map<String, String> env) {
        return new PlaygroundBrowser(env);
    }

    public RunningGateway gateway() {
        return gateway;
    }

    public HeadlessChromium chromium() {
        return chromium;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        gateway = RunningGateway.start(env);
        chromium = HeadlessChromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }
}

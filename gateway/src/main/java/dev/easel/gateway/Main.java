package dev.easel.gateway;

import dev.easel.gateway.config.GatewayConfig;

/** {@code java -jar easel-gateway.jar}: configuration from the environment (README). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("easel: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway.start(config, System::getenv)
                .onSuccess(g -> Runtime.getRuntime().addShutdownHook(new Thread(() -> g.close()
                        .toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                        .exceptionally(e -> null).join(), "easel-shutdown")))
                .onFailure(e -> {
                    System.err.println("easel: failed to start: " + e.getMessage());
                    System.exit(1);
                });
    }
}

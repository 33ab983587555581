package dev.easel.gateway;

import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.CatalogException;
import dev.easel.gateway.catalog.CatalogLoader;
import dev.easel.gateway.catalog.CatalogSource;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.config.GatewayConfig;
import dev.easel.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code java -jar easel-gateway.jar [--help | --version | validate [FILE]]}; with no
 * argument it serves, configured from the environment (README "Configuration").
 *
 * <p>Exit codes (DESIGN "Running it"): 0 after a clean shutdown (SIGTERM included), 2 for a
 * configuration error, 1 for anything else that stops it, such as a port already taken;
 * always with a message on stderr. No logger is touched before {@code EASEL_LOG_FORMAT} has
 * been checked and handed to Logback.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int CONFIG_ERROR = 2;
    /** {@link #run} returns this while the server runs: the JVM stays up until a signal. */
    static final int SERVING = -1;

    private static final String USAGE = """
            Usage: java -jar easel-gateway.jar [COMMAND]

            Easel: an OpenAI-compatible image generation gateway.

            Commands:
              (none)           start the server; settings come from the environment (see README)
              validate [FILE]  check a catalog and exit: 0 when valid, 2 when not; without FILE the
                               catalog the server would use (EASEL_CATALOG, ./model-catalog.yaml, built-in)
              --version        print the version
              --help           print this help

            Main settings: HOST, PORT, EASEL_CATALOG, EASEL_API_KEYS (name:key,...), EASEL_STORAGE
            (local|s3), EASEL_LOG_FORMAT (text|json), EASEL_SHUTDOWN_GRACE (30s).
            Exit codes: 0 clean shutdown, 2 configuration error, 1 any other failure.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv()::get, System.out, System.err);
        if (code != SERVING) {
            System.exit(code);
        }
    }

    static int run(String[] args, Function<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            return switch (args[0]) {
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    yield OK;
                }
                case "--version", "-V", "version" -> {
                    out.println("easel-gateway " + version());
                    yield OK;
                }
                case "validate" -> args.length > 2 ? usage(err, "validate takes at most one FILE")
                        : validate(args.length == 2 ? Path.of(args[1]) : null, env, out, err);
                default -> usage(err, "unknown argument '" + args[0] + "'");
            };
        }
        return serve(env, err);
    }

    private static int usage(PrintStream err, String problem) {
        err.println("easel: " + problem);
        err.print(USAGE);
        return CONFIG_ERROR;
    }

    private static int validate(Path file, Function<String, String> env, PrintStream out, PrintStream err) {
        Map<String, ImageAdapterFactory> factories = factories();
        try {
            Path explicit = file;
            if (explicit == null) {
                String configured = env.apply("EASEL_CATALOG");
                explicit = configured == null || configured.isBlank() ? null : Path.of(configured.trim());
            }
            CatalogSource source = explicit != null ? CatalogSource.read(explicit) : CatalogSource.locate(null);
            Catalog catalog = new CatalogLoader(factories, env, Duration.ofSeconds(300)).load(source);
            List<String> unconfigured = catalog.providers().values().stream().filter(p -> !p.configured())
                    .map(Provider::id).toList();
            out.println("ok: " + source.origin() + ": " + catalog.models().size() + " models, "
                    + catalog.providers().size() + " providers (not configured here: " + unconfigured + ")");
            return OK;
        } catch (CatalogException e) {
            err.println("easel: invalid catalog: " + e.getMessage());
            return CONFIG_ERROR;
        }
    }

    private static int serve(Function<String, String> env, PrintStream err) {
        GatewayConfig config;
        try {
            // Logback reads this when the first logger is created, which has not happened yet.
            System.setProperty("EASEL_LOG_FORMAT", GatewayConfig.logFormat(env).name().toLowerCase());
            config = GatewayConfig.from(env);
        } catch (IllegalArgumentException e) {
            err.println("easel: configuration error: " + e.getMessage());
            return CONFIG_ERROR;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config, env).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = unwrap(e);
            boolean configError = cause instanceof CatalogException || cause instanceof IllegalArgumentException
                    || cause instanceof StorageException;
            err.println("easel: " + (configError ? "configuration error: " : "failed to start: ") + describe(cause, config));
            return configError ? CONFIG_ERROR : FAILED;
        }
        Duration grace = config.shutdownGrace();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int code = OK;
            try {
                gateway.shutdown(grace).toCompletionStage().toCompletableFuture()
                        .get(grace.toMillis() + 15_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                err.println("easel: shutdown did not complete cleanly: " + unwrap(e));
                code = FAILED;
            }
            flushLogs();
            // A JVM ended by SIGTERM exits 143 unless told otherwise; a clean drain is a clean stop.
            Runtime.getRuntime().halt(code);
        }, "easel-shutdown"));
        return SERVING;
    }

    private static String describe(Throwable cause, GatewayConfig config) {
        if (cause instanceof BindException || (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
            return "cannot listen on " + config.host() + ":" + config.port() + ": the address is already in use";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Map<String, ImageAdapterFactory> factories() {
        Map<String, ImageAdapterFactory> factories = new LinkedHashMap<>();
        ServiceLoader.load(ImageAdapterFactory.class).forEach(f -> factories.put(f.name(), f));
        return factories;
    }

    static String version() {
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream("easel/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Logback buffers nothing, but stopping it flushes and closes appenders before the halt. */
    private static void flushLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }
}

package dev.easel.gateway.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway on the failover test catalog ({@code failover-catalog.yaml}): {@code duo}
 * on two OpenAI-compatible WireMock servers ({@code alpha}, {@code beta}), {@code slow} on a
 * fal queue ({@code fal}). The stubs live for the test class ({@code @RegisterExtension static
 * final}); each test gets them reset and a fresh gateway, so circuit, Retry-After and
 * idempotency state never leak between tests.
 */
public final class FailoverGateway implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private final OpenAiCompatibleStub alpha = new OpenAiCompatibleStub();
    private final OpenAiCompatibleStub beta = new OpenAiCompatibleStub();
    private final FalQueueStub fal = new FalQueueStub();
    private RunningGateway gateway;

    /** {@code settings}: the class's own EASEL_* variables, applied to every gateway it starts. */
    public FailoverGateway(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    public OpenAiCompatibleStub alpha() {
        return alpha;
    }

    public OpenAiCompatibleStub beta() {
        return beta;
    }

    public FalQueueStub fal() {
        return fal;
    }

    /** This test's gateway. */
    public RunningGateway gateway() {
        return gateway;
    }

    /** Another gateway on the same stubs, with {@code overrides} on top of the class's settings; the caller closes it. */
    public RunningGateway start(Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("EASEL_CATALOG", Path.of(FailoverGateway.class.getResource("/failover-catalog.yaml").toURI()).toString());
        env.put("ALPHA_BASE_URL", alpha.baseUrl());
        env.put("ALPHA_KEY", "alpha-secret");
        env.put("BETA_BASE_URL", beta.baseUrl());
        env.put("BETA_KEY", "beta-secret");
        env.put("FAL_BASE_URL", fal.baseUrl());
        env.put("FAL_KEY", "fal-secret");
        env.putAll(settings);
        env.putAll(overrides);
        return RunningGateway.start(env);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        alpha.reset();
        beta.reset();
        fal.reset();
        gateway = start(Map.of());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        alpha.close();
        beta.close();
        fal.close();
    }
}

package dev.easel.gateway.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.client.OpenAIClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One WireMock server standing in for every hosted provider ({@link ProviderStubs}), the real
 * gateway pointed at it and the official openai-java client pointed at the gateway, for a whole
 * test class ({@code @RegisterExtension static final}). After each test it checks that no
 * provider key went to an image download, whatever the test did.
 */
public final class ProviderGateway extends WireMockExtension {

    private final String catalogResource;
    private final ProviderStubs stubs = new ProviderStubs(this);
    private RunningGateway gateway;
    private OpenAIClient client;

    private ProviderGateway(String catalogResource) {
        super(WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")));
        this.catalogResource = catalogResource;
    }

    /** The gateway with the shipped {@code model-catalog.yaml}. */
    public static ProviderGateway withShippedCatalog() {
        return new ProviderGateway(null);
    }

    /** The gateway with a test catalog from the test classpath, e.g. {@code /streaming-catalog.yaml}. */
    public static ProviderGateway withCatalog(String resource) {
        return new ProviderGateway(resource);
    }

    public ProviderStubs stubs() {
        return stubs;
    }

    public RunningGateway gateway() {
        return gateway;
    }

    public OpenAIClient client() {
        return client;
    }

    @Override
    protected void onBeforeAll(WireMockRuntimeInfo info) {
        try {
            Map<String, String> env = new HashMap<>(stubs.env());
            if (catalogResource != null) {
                env.put("EASEL_CATALOG", Path.of(ProviderGateway.class.getResource(catalogResource).toURI()).toString());
            }
            gateway = RunningGateway.start(env);
            client = gateway.openAiClient();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not start", e);
        }
    }

    /** No provider key ever went to an image download. */
    @Override
    protected void onAfterEach(WireMockRuntimeInfo info) {
        for (LoggedRequest r : stubs.mediaRequests()) {
            String everything = r.getUrl() + " " + r.getHeaders();
            assertThat(ProviderStubs.KEYS).noneMatch(everything::contains);
        }
    }

    @Override
    protected void onAfterAll(WireMockRuntimeInfo info) {
        try {
            if (client != null) {
                client.close();
            }
            if (gateway != null) {
                gateway.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not stop", e);
        }
    }
}

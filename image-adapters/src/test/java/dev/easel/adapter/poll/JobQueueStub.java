package dev.easel.adapter.poll;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A job-queue provider's API stubbed on 127.0.0.1 with the adapter under test pointed at it,
 * on virtual time. Register it as a static {@code @RegisterExtension} field (stub and verify
 * through it as through any {@link WireMockExtension}) and call {@link #start(Vertx)} in
 * {@code @BeforeEach} with the test's Vert.x; it closes the adapter after each test. Every
 * job-queue adapter test had this set-up word for word; one copy keeps them from drifting.
 */
public final class JobQueueStub extends WireMockExtension {

    private final Arrivals arrivals;
    private final ImageAdapterFactory factory;
    private final String apiPath;
    private JobQueueRig rig;
    private ImageAdapter adapter;

    private JobQueueStub(Arrivals arrivals, ImageAdapterFactory factory, String apiPath) {
        super(WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(arrivals)));
        this.arrivals = arrivals;
        this.factory = factory;
        this.apiPath = apiPath;
    }

    /** The stub for {@code factory}'s adapter, whose base URL is this server plus {@code apiPath} (e.g. "/v1"). */
    public static JobQueueStub of(ImageAdapterFactory factory, String apiPath) {
        return new JobQueueStub(new Arrivals(), factory, apiPath);
    }

    /** Fresh virtual time, arrivals and adapter for one test. */
    public void start(Vertx vertx) {
        rig = JobQueueRig.create(vertx, JobTestSupport.config(factory.name(), base() + apiPath), arrivals);
        adapter = factory.create(rig.context());
    }

    @Override
    protected void onAfterEach(WireMockRuntimeInfo info) {
        if (adapter != null) {
            adapter.close();
            adapter = null;
        }
        rig = null;
    }

    /** This server's root, {@code http://127.0.0.1:<port>}, without the API path. */
    public String base() {
        return "http://127.0.0.1:" + getPort();
    }

    public Arrivals arrivals() {
        return arrivals;
    }

    public VirtualTimers time() {
        return rig().time();
    }

    /** See {@link JobQueueRig#run}. */
    public Future<AdapterResult> run(AdapterRequest request) {
        return rig().run(adapter, request);
    }

    /** See {@link JobQueueRig#runPastDeadline}. */
    public Future<AdapterResult> runPastDeadline(AdapterRequest request) {
        return rig().runPastDeadline(adapter, request);
    }

    /** See {@link JobQueueRig#startAndCheck}. */
    public Future<AdapterResult> startAndCheck(AdapterRequest request, int checks) {
        return rig().startAndCheck(adapter, request, checks);
    }

    private JobQueueRig rig() {
        if (rig == null) {
            throw new IllegalStateException("call start(vertx) in @BeforeEach first");
        }
        return rig;
    }
}

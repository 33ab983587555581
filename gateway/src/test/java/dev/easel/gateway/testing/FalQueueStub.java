package dev.easel.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A WireMock server on 127.0.0.1 speaking fal's queue protocol for one job that never leaves
 * the queue: submit answers the job's URLs (status, response and cancel under
 * {@code owner/app} only, as fal returns them), status answers 202 {@code IN_QUEUE} forever,
 * and the returned {@code cancel_url} takes the {@code PUT}.
 */
public final class FalQueueStub implements AutoCloseable {

    public static final String REQUEST_ID = "764cabcf-b745-4b3e-ae38-1200304cf45b";

    private final WireMockServer server;

    public FalQueueStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    /** What to set as the provider's {@code base_url} ({@code https://queue.fal.run} in production). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void reset() {
        server.resetAll();
    }

    /** The path of the job's cancel URL, under {@code owner/app} ({@code fal-ai/flux}) only. */
    public static String cancelPath(String ownerApp) {
        return "/" + ownerApp + "/requests/" + REQUEST_ID + "/cancel";
    }

    /** {@code modelId} ({@code fal-ai/flux/schnell}) is accepted and then stays IN_QUEUE. */
    public FalQueueStub staysInQueue(String modelId) {
        String ownerApp = String.join("/", List.of(modelId.split("/")).subList(0, 2));
        String jobs = baseUrl() + "/" + ownerApp + "/requests/" + REQUEST_ID;
        JsonObject urls = new JsonObject()
                .put("request_id", REQUEST_ID)
                .put("response_url", jobs)
                .put("status_url", jobs + "/status")
                .put("cancel_url", jobs + "/cancel");
        server.stubFor(post(urlEqualTo("/" + modelId)).willReturn(json(200, urls.copy()
                .put("status", "IN_QUEUE").put("queue_position", 7))
                .withHeader("x-fal-request-id", REQUEST_ID)));
        server.stubFor(get(urlPathEqualTo("/" + ownerApp + "/requests/" + REQUEST_ID + "/status"))
                .willReturn(json(202, urls.copy().put("status", "IN_QUEUE").put("queue_position", 7))));
        server.stubFor(get(urlEqualTo("/" + ownerApp + "/requests/" + REQUEST_ID))
                .willReturn(json(400, new JsonObject().put("detail", "Request is still in progress"))));
        server.stubFor(put(urlEqualTo(cancelPath(ownerApp)))
                .willReturn(json(202, new JsonObject().put("status", "CANCELLATION_REQUESTED"))));
        return this;
    }

    public List<LoggedRequest> cancels(String ownerApp) {
        return server.findAll(putRequestedFor(urlEqualTo(cancelPath(ownerApp))));
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, JsonObject body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.encode());
    }
}

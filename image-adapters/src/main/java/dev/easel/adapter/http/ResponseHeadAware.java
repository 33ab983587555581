package dev.easel.adapter.http;

import io.vertx.core.MultiMap;

/**
 * A body codec that reads a body one way or another depending on the answer's status and
 * headers: an event stream event by event, an error body whole. Clients made by
 * {@link UpstreamClients} hand it the head before the first byte of the body, so use one
 * instance per call.
 */
public interface ResponseHeadAware {

    void head(int status, MultiMap headers);
}

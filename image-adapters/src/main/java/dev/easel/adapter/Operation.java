package dev.easel.adapter;

/**
 * What a call asks the provider to do. Every operation goes through the same routing,
 * failover, {@code n} split and output pipeline; only the request an adapter sends differs.
 */
public enum Operation {
    /** A new image from a prompt ({@code POST /v1/images/generations}). */
    GENERATE,
    /** A changed image from a prompt and one or more input images, optionally a mask ({@code POST /v1/images/edits}). */
    EDIT
}

package dev.easel.gateway.routing;

/**
 * One upstream call as reported in {@code metadata.attempts}.
 *
 * @param status {@code succeeded} or {@code failed}
 * @param code   the error code when failed, else null
 */
public record Attempt(String provider, String model, String status, String code, long latencyMs) {
}

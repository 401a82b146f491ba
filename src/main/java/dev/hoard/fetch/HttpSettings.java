package dev.hoard.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How the one shared HTTP client behaves.
 *
 * @param timeout connect timeout and read (idle) timeout
 * @param userAgent the User-Agent header
 * @param maxPerHost connections open to one host at once, across the run
 * @param maxTotal connections open at once, across the run
 */
public record HttpSettings(Duration timeout, String userAgent, int maxPerHost, int maxTotal) {
  public HttpSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    if (maxPerHost < 1) throw new IllegalArgumentException("maxPerHost must be >= 1: " + maxPerHost);
    if (maxTotal < 1) throw new IllegalArgumentException("maxTotal must be >= 1: " + maxTotal);
  }
}

package dev.hoard.check;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code hoard check} was asked to do.
 *
 * @param jobs checks in flight at once
 * @param timeout connect and read timeout of each attempt
 * @param retries attempts after the first before a site counts as down
 * @param watch the time between rounds, or null to check once
 * @param notifyCmd the shell command run on each change of state, or null
 * @param webhook the URL POSTed a JSON object on each change of state, or null
 * @param json JSON Lines instead of plain lines
 * @param userAgent the User-Agent header
 */
public record CheckOptions(int jobs, Duration timeout, int retries, Duration watch, String notifyCmd, URI webhook,
    boolean json, String userAgent) {
  public CheckOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1: " + jobs);
    if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    if (watch != null && (watch.isNegative() || watch.isZero())) {
      throw new IllegalArgumentException("watch must be positive: " + watch);
    }
    if (notifyCmd != null && notifyCmd.isBlank()) throw new IllegalArgumentException("notifyCmd is blank");
  }
}

package dev.hoard.crawl;

import dev.hoard.runtime.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Spaces the requests to each host {@code --wait} apart: {@link #await} returns when the caller may start its
 * request, at least {@code wait} after the previous caller for that host was let go (start to start). Concurrent
 * callers for one host queue up in the order they called; different hosts do not wait for each other. The first
 * request to a host goes at once. Thread-safe; time is injected, so tests need not sleep.
 */
public final class HostPacer {
  private final long waitNanos;
  private final Clock clock;
  /** The time each host's latest caller was (or will be) let go; guarded by {@code this}. */
  private final Map<String, Long> lastStart = new HashMap<>();

  public HostPacer(Duration wait, Clock clock) {
    if (wait.isNegative()) throw new IllegalArgumentException("--wait must not be negative: " + wait);
    this.waitNanos = wait.toNanos();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A pacer on the system's clock that really sleeps. */
  public static HostPacer system(Duration wait) {
    return new HostPacer(wait, Clock.SYSTEM);
  }

  /**
   * Blocks until a request to {@code host} may start. A caller interrupted while waiting still holds its turn, so
   * the callers after it keep their spacing.
   */
  public void await(String host) throws InterruptedException {
    if (waitNanos == 0) return;
    String key = host.toLowerCase(Locale.ROOT);
    long delay;
    synchronized (this) {
      long now = clock.nanoTime();
      Long previous = lastStart.get(key);
      // compared by difference, as System.nanoTime values must be
      long start = previous == null || now - previous >= waitNanos ? now : previous + waitNanos;
      lastStart.put(key, start);
      delay = start - now;
    }
    if (delay > 0) clock.sleepNanos(delay);
  }
}

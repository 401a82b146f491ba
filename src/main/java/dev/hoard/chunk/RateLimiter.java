package dev.hoard.chunk;

import dev.hoard.runtime.Clock;
import java.io.InterruptedIOException;

/**
 * {@code --limit-rate}: one token bucket shared by every stream of a run caps their combined rate. As in okio's
 * {@code Throttler}, the maths is a pure function of the time passed in; {@link #take} is the only part that sleeps.
 */
public final class RateLimiter {
  /** The longest single sleep, so that {@link #release} ends every wait within one. */
  static final long SLICE_NANOS = 50_000_000L;

  private final long bytesPerSecond;
  private final long burst;
  private final Clock clock;
  /** The time at which all bytes granted so far have been paid for. */
  private long allocatedUntil;
  private volatile boolean released;

  /** @param bytesPerSecond the cap; 0 means none */
  public RateLimiter(long bytesPerSecond, Clock clock) {
    if (bytesPerSecond < 0) throw new IllegalArgumentException("rate must be >= 0: " + bytesPerSecond);
    this.bytesPerSecond = bytesPerSecond;
    // a burst of at most 1/10 s of traffic (and at least one 16 KiB read) may pass without waiting
    this.burst = Math.max(16 * 1024, bytesPerSecond / 10);
    this.clock = clock;
    this.allocatedUntil = clock.nanoTime();
  }

  public boolean unlimited() {
    return bytesPerSecond == 0;
  }

  /** How long the caller must wait before using {@code bytes}, given the time now; books them. */
  synchronized long reserve(long now, long bytes) {
    if (bytesPerSecond == 0) return 0;
    // in double: burst * 10^9 overflows a long once the cap passes ~92 GB/s
    long burstNanos = (long) (burst * 1e9 / bytesPerSecond);
    long start = Math.max(allocatedUntil, now - burstNanos);
    allocatedUntil = start + bytes * 1_000_000_000L / bytesPerSecond;
    return Math.max(0, allocatedUntil - now);
  }

  /** Ends every wait now and skips later ones: the run is stopping, and bytes already read should be written. */
  public void release() {
    released = true;
  }

  /** Waits until {@code bytes} may pass under the cap, or the limiter is released. */
  public void take(long bytes) throws InterruptedIOException {
    if (bytesPerSecond == 0 || released) return;
    long wait = reserve(clock.nanoTime(), bytes);
    try {
      for (long left = wait; left > 0 && !released; left -= SLICE_NANOS) clock.sleepNanos(Math.min(left, SLICE_NANOS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pacing --limit-rate");
    }
  }
}

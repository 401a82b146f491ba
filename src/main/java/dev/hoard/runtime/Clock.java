package dev.hoard.runtime;

import java.time.Duration;

/**
 * Time as hoard's timed parts see it: a monotonic clock and a way to wait. Backoff, {@code --limit-rate},
 * {@code --wait} and {@code --watch} take one, so tests drive them with a fake clock and never sleep.
 */
public interface Clock {
  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Blocks for {@code nanos} nanoseconds. */
  void sleepNanos(long nanos) throws InterruptedException;

  /** Blocks for {@code duration}; at once when it is zero or negative. */
  default void sleep(Duration duration) throws InterruptedException {
    if (duration.isNegative() || duration.isZero()) return;
    sleepNanos(duration.toNanos());
  }

  /** Returns once {@link #nanoTime()} reaches {@code deadline}; at once if it already has. */
  default void sleepUntil(long deadline) throws InterruptedException {
    for (long left = deadline - nanoTime(); left > 0; left = deadline - nanoTime()) sleepNanos(left);
  }

  /** The machine's monotonic clock and real sleeps. */
  Clock SYSTEM = new Clock() {
    @Override public long nanoTime() {
      return System.nanoTime();
    }

    @Override public void sleepNanos(long nanos) throws InterruptedException {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
  };
}

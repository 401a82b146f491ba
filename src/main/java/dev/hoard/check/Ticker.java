package dev.hoard.check;

import java.util.concurrent.TimeUnit;

/** The clock of a run: what time it is and how to wait for a later time. Tests drive a fake one. */
interface Ticker {
  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nowNanos();

  /** Returns once {@link #nowNanos()} reaches {@code deadline}; at once if it already has. */
  void sleepUntil(long deadline) throws InterruptedException;

  /** The machine's monotonic clock. */
  static Ticker system() {
    return new Ticker() {
      @Override public long nowNanos() {
        return System.nanoTime();
      }

      @Override public void sleepUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
          TimeUnit.NANOSECONDS.sleep(left);
        }
      }
    };
  }
}

package dev.hoard.check;

import dev.hoard.runtime.Clock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code --watch} schedule: round N starts at {@code start + N × every}, never while the one before runs. A
 * round that overruns its slot is reported, and the next one starts at the next slot still ahead.
 */
final class Watch {
  /** One round of the loop; {@code round} counts the rounds run, from 1. */
  @FunctionalInterface
  interface Body {
    void run(long round) throws InterruptedException;
  }

  private final Clock ticker;
  private final Duration every;
  private final PrintWriter err;

  Watch(Clock ticker, Duration every, PrintWriter err) {
    if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("every must be positive: " + every);
    this.ticker = ticker;
    this.every = every;
    this.err = err;
  }

  /** Runs rounds on schedule until the thread is interrupted, which ends it with {@link InterruptedException}. */
  void run(Body body) throws InterruptedException {
    long period = every.toNanos();
    long start = ticker.nanoTime();
    long slot = 0;
    for (long round = 1; ; round++) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
      long began = ticker.nanoTime();
      body.run(round);
      long ended = ticker.nanoTime();
      long elapsed = ended - start;
      long next = slot + 1;
      if (elapsed > next * period) {
        next = (elapsed + period - 1) / period;
        long skipped = next - slot - 1;
        err.println(String.format(Locale.ROOT, "hoard: round %d took %s, more than the %s between rounds; skipping %d round%s",
            round, seconds(ended - began), seconds(period), skipped, skipped == 1 ? "" : "s"));
        err.flush();
      }
      ticker.sleepUntil(start + next * period);
      slot = next;
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}

package dev.hoard.fetch;

import dev.hoard.runtime.Clock;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The time by which a whole piece of work must be done, however many requests it takes: a {@code check} of one URL
 * is its {@code HEAD}, the {@code GET} that may follow and that body, all within one {@code --timeout}. The stall rule
 * judges each connection's pace; a deadline ends the work when its time is up, whatever the pace.
 */
public record Deadline(Clock clock, long at, Duration budget) {
  /** The deadline {@code budget} from now. */
  public static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock, clock.nanoTime() + budget.toNanos(), budget);
  }

  /** Nanoseconds left, 0 once it passed. */
  public long remainingNanos() {
    return Math.max(0, at - clock.nanoTime());
  }

  public boolean passed() {
    return remainingNanos() == 0;
  }

  /** What the work that ran out of time fails with: {@code timed out (all of it took over 2000 ms)}. */
  public SocketTimeoutException exceeded() {
    return new SocketTimeoutException("all of it took over " + budget.toMillis() + " ms");
  }
}

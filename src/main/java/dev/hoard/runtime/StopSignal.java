package dev.hoard.runtime;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop switch of a run (SIGINT, SIGTERM, a local failure): once thrown it stays thrown, runs every registered
 * stopper (a transfer's abort, the cancel of requests waiting for an answer), and ends every pause at once.
 */
public final class StopSignal {
  /** A registered stopper; closing it unregisters it. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** The longest single sleep of {@link #pause}, so a stop ends every pause within it. */
  static final long SLICE_NANOS = 100_000_000L;

  private final Set<Runnable> stoppers = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /** Throws the switch: every stopper registered now or later runs. */
  public void stop() {
    stopped = true;
    stoppers.forEach(Runnable::run);
  }

  public boolean stopped() {
    return stopped;
  }

  /** Runs {@code stopper} when the switch is thrown (now, if it already was) until the registration is closed. */
  public Registration onStop(Runnable stopper) {
    stoppers.add(stopper);
    if (stopped) stopper.run();
    return () -> stoppers.remove(stopper);
  }

  /** Waits {@code wait} on {@code clock}, in slices; a stop (or an interrupt) ends it with an InterruptedIOException. */
  public void pause(Clock clock, Duration wait) throws InterruptedIOException {
    long deadline = clock.nanoTime() + wait.toNanos();
    try {
      while (!stopped) {
        long left = deadline - clock.nanoTime();
        if (left <= 0) return;
        clock.sleepNanos(Math.min(left, SLICE_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new InterruptedIOException("interrupted");
  }
}

package dev.hoard.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: a clock that moves only when told to or when slept on, and can end a watch after a number of sleeps
 * by calling a stop action from inside the sleep, as a signal would.
 */
final class FakeTicker implements Ticker {
  private long now;
  private final List<Long> wakeups = new ArrayList<>();
  private int stopAfter = Integer.MAX_VALUE;
  private Runnable stop = () -> Thread.currentThread().interrupt();

  /** After {@code sleeps} sleeps, runs {@code action}, which is expected to interrupt the sleeping thread. */
  FakeTicker stopAfter(int sleeps, Runnable action) {
    this.stopAfter = sleeps;
    this.stop = action;
    return this;
  }

  /** After {@code sleeps} sleeps, interrupts the sleeping thread. */
  FakeTicker stopAfter(int sleeps) {
    this.stopAfter = sleeps;
    return this;
  }

  synchronized void advance(Duration d) {
    now += d.toNanos();
  }

  /** The times slept until, in order. */
  synchronized List<Long> wakeups() {
    return List.copyOf(wakeups);
  }

  @Override
  public synchronized long nowNanos() {
    return now;
  }

  @Override
  public void sleepUntil(long deadline) throws InterruptedException {
    boolean last;
    synchronized (this) {
      wakeups.add(deadline);
      now = Math.max(now, deadline);
      last = wakeups.size() >= stopAfter;
    }
    if (last) stop.run();
    if (Thread.interrupted()) throw new InterruptedException();
  }
}

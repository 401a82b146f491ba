package dev.hoard.testing;

import dev.hoard.runtime.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test fixture: time that moves only when a test says so or when someone sleeps (by the time slept). It records
 * each sleep, and can end a loop after a number of {@link #sleepUntil} calls by running a stop action from inside
 * that call, as a signal would.
 */
public class FakeClock implements Clock {
  private final long start;
  private final AtomicLong now;
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> wakeups = Collections.synchronizedList(new ArrayList<>());
  private volatile int stopAfter = Integer.MAX_VALUE;
  private volatile Runnable stop = () -> Thread.currentThread().interrupt();

  public FakeClock() {
    this(1_000_000_000L);
  }

  /** @param start the first reading, which may be negative as {@link System#nanoTime()} may be */
  public FakeClock(long start) {
    this.start = start;
    this.now = new AtomicLong(start);
  }

  /**
   * A time of day that moves with this clock: {@code origin} at its first reading, then later by as much as
   * {@link #nanoTime()} has moved since.
   */
  public java.time.Clock wall(Instant origin, ZoneId zone) {
    return new java.time.Clock() {
      @Override public ZoneId getZone() {
        return zone;
      }

      @Override public java.time.Clock withZone(ZoneId other) {
        return wall(origin, other);
      }

      @Override public Instant instant() {
        return origin.plusNanos(nanoTime() - start);
      }
    };
  }

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void sleepNanos(long nanos) throws InterruptedException {
    sleeps.add(Duration.ofNanos(nanos));
    now.addAndGet(nanos);
    if (Thread.interrupted()) throw new InterruptedException();
  }

  /** Records the deadline, moves the clock to it, and runs the stop action once enough of these calls were made. */
  @Override
  public void sleepUntil(long deadline) throws InterruptedException {
    boolean last;
    synchronized (this) {
      wakeups.add(deadline);
      now.accumulateAndGet(deadline, Math::max);
      last = wakeups.size() >= stopAfter;
    }
    if (last) stop.run();
    if (Thread.interrupted()) throw new InterruptedException();
  }

  public void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  public void advance(long nanos) {
    now.addAndGet(nanos);
  }

  /** Every {@link #sleepNanos} (and {@link #sleep}) so far, in order. */
  public List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }

  /** The nanoseconds slept so far. */
  public long slept() {
    return sleeps().stream().mapToLong(Duration::toNanos).sum();
  }

  /** The deadlines of every {@link #sleepUntil} so far, in order. */
  public List<Long> wakeups() {
    synchronized (wakeups) {
      return List.copyOf(wakeups);
    }
  }

  /** After {@code calls} calls of {@link #sleepUntil}, runs {@code action}, expected to interrupt the sleeper. */
  public FakeClock stopAfter(int calls, Runnable action) {
    this.stopAfter = calls;
    this.stop = action;
    return this;
  }

  /** After {@code calls} calls of {@link #sleepUntil}, interrupts the sleeping thread. */
  public FakeClock stopAfter(int calls) {
    this.stopAfter = calls;
    return this;
  }
}

package dev.hoard.report;

import java.util.ArrayDeque;

/**
 * A speed smoothed over the last few seconds, from a counter read now and then; a pure function of the times passed
 * in. Not thread-safe: its owner samples and reads it under one lock.
 */
final class Rate {
  /** The span the speed is averaged over: short enough to follow a change, long enough not to flicker. */
  static final long WINDOW_NANOS = 5_000_000_000L;
  /** Less history than this gives no speed yet: a first burst would read as an absurd rate. */
  static final long MIN_SPAN_NANOS = 1_000_000_000L;
  /** No byte for this long is a stall: the speed is unknown rather than a fading average. */
  static final long STALL_NANOS = 3_000_000_000L;
  /** Samples closer together than this add nothing but memory. */
  private static final long SAMPLE_NANOS = 200_000_000L;

  /** {time, count} pairs, oldest first. */
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();
  private long lastCount = -1;
  private long lastChange;

  /** Records the counter's value at {@code now}. */
  void sample(long now, long count) {
    if (count != lastCount) {
      lastCount = count;
      lastChange = now;
    }
    long[] newest = samples.peekLast();
    if (newest == null || now - newest[0] >= SAMPLE_NANOS) samples.addLast(new long[] {now, count});
    // keep the newest sample at least a window old as the base, so the span stays about one window
    while (samples.size() > 2 && now - secondOldest()[0] >= WINDOW_NANOS) samples.removeFirst();
  }

  /** Units per second over the last window as of {@code now}, or -1 when unknown: too little history, or stalled. */
  double perSecond(long now) {
    long[] base = samples.peekFirst();
    if (base == null || now - lastChange >= STALL_NANOS) return -1;
    long span = now - base[0];
    if (span < MIN_SPAN_NANOS) return -1;
    double rate = (lastCount - base[1]) * 1e9 / span;
    return rate > 0 ? rate : -1;
  }

  private long[] secondOldest() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }
}

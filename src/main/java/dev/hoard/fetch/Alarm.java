package dev.hoard.fetch;

import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts one request short when its {@link Deadline} passes, from another thread, whatever the request is blocked on:
 * connecting, a head sent a byte at a time, a body that trickles. Disarm it when the request is done.
 */
final class Alarm {
  static final Alarm NONE = new Alarm(null);

  private final Deadline deadline;
  private volatile CompletableFuture<Void> pending;
  private volatile boolean rang;

  private Alarm(Deadline deadline) {
    this.deadline = deadline;
  }

  /** An alarm that runs {@code cut} once {@code deadline} passes; none when there is no deadline. */
  static Alarm at(Deadline deadline, Runnable cut) {
    if (deadline == null) return NONE;
    Alarm alarm = new Alarm(deadline);
    alarm.pending = CompletableFuture.runAsync(() -> {
      alarm.rang = true;
      cut.run();
    }, CompletableFuture.delayedExecutor(deadline.remainingNanos(), TimeUnit.NANOSECONDS));
    return alarm;
  }

  /** Whether the deadline passed and the request was cut. */
  boolean rang() {
    return rang;
  }

  /** What a request cut by this alarm fails with. */
  SocketTimeoutException exceeded() {
    return deadline.exceeded();
  }

  void disarm() {
    CompletableFuture<Void> p = pending;
    if (p != null) p.cancel(false);
  }
}

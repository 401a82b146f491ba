package dev.hoard.check;

import dev.hoard.report.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Delivers a {@link Notifier}'s changes one after another on a thread of its own, in the order they were posted, so a
 * slow or failing receiver never holds up a check. A failed delivery is reported on standard error and forgotten.
 */
final class Outbox {
  private final Notifier notifier;
  private final PrintWriter err;
  private final ExecutorService thread;

  Outbox(Notifier notifier, PrintWriter err) {
    this.notifier = notifier;
    this.err = err;
    this.thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "hoard-notify " + notifier.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code change} for delivery; returns at once. */
  void post(CheckResult change) {
    try {
      thread.execute(() -> deliver(change));
    } catch (RejectedExecutionException e) {
      report(change, "the run is ending");
    }
  }

  private void deliver(CheckResult change) {
    try {
      notifier.deliver(change);
    } catch (IOException | RuntimeException e) {
      report(change, e.getMessage());
    } catch (InterruptedException e) {
      report(change, "interrupted");
      Thread.currentThread().interrupt();
    }
  }

  /** Says on standard error that {@code change} was not delivered: the webhook's reason phrase may be in the reason. */
  private void report(CheckResult change, String reason) {
    err.println("hoard: " + notifier.name() + " failed for " + change.shownUrl() + " (" + change.state() + "): "
        + Printable.of(reason));
    err.flush();
  }

  /**
   * Delivers what is queued, waiting at most {@code grace}; then drops the rest, saying how many, and interrupts the
   * delivery under way.
   */
  void close(Duration grace) {
    thread.shutdown();
    try {
      if (thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int dropped = thread.shutdownNow().size();
    if (dropped > 0) {
      err.println("hoard: " + notifier.name() + ": " + dropped + " notification" + (dropped == 1 ? "" : "s")
          + " not sent, the run is ending");
      err.flush();
    }
  }
}

package dev.hoard.check;

import java.time.Duration;

/** Pauses a worker thread: between the attempts of a check, between webhook retries. Tests pass a recorder. */
@FunctionalInterface
interface Sleeper {
  void sleep(Duration pause) throws InterruptedException;

  static Sleeper system() {
    return pause -> Thread.sleep(pause.toMillis());
  }
}

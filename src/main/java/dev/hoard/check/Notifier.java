package dev.hoard.check;

import java.io.IOException;

/** Tells someone that a site changed state. Delivery may block; {@link Outbox} keeps it off the checks' path. */
interface Notifier {
  /** How the option that asked for it is named in messages: {@code --notify-cmd}, {@code --webhook}. */
  String name();

  /**
   * Delivers one change: {@code change} is the check that found the new state.
   *
   * @throws IOException with a reason a person can act on when it could not be delivered
   */
  void deliver(CheckResult change) throws IOException, InterruptedException;
}

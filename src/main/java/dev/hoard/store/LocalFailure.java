package dev.hoard.store;

import java.io.IOException;

/**
 * A failure of this machine, not of a server: the disk is full, the folder cannot be created or written. It stops
 * the whole run (exit 3): every other download would meet it too.
 */
public final class LocalFailure extends IOException {
  public LocalFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failed write or save of {@code what}, with the reason a person can act on ({@code disk full}). */
  public static LocalFailure writing(String what, IOException cause) {
    String m = cause.getMessage();
    String why = m != null && m.contains("No space") ? "disk full" : m;
    return new LocalFailure("cannot write " + what + ": " + why, cause);
  }
}

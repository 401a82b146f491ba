package dev.hoard.store;

import dev.hoard.report.DownloadResult;
import java.io.IOException;

/**
 * A failure of this machine, not of a server: the disk is full, the folder cannot be created or written. It stops
 * the whole run (exit 3): every other download would meet it too.
 */
public final class LocalFailure extends IOException {
  /** What the download it stopped had come to (its part file, its bytes, the last status), or null. */
  private final transient DownloadResult result;

  public LocalFailure(String message, Throwable cause) {
    this(message, cause, null);
  }

  public LocalFailure(String message, Throwable cause, DownloadResult result) {
    super(message, cause);
    this.result = result;
  }

  /** This failure, told as the failed result of the download it stopped. */
  /** What hoard says when the heap runs out: the user can give the JVM more. */
  public static final String OUT_OF_MEMORY = "out of memory (a larger heap helps: HOARD_JAVA_OPTS=-Xmx2g)";

  public LocalFailure stopping(DownloadResult download) {
    LocalFailure f = new LocalFailure(getMessage(), getCause(), download);
    f.setStackTrace(getStackTrace());
    return f;
  }

  /** The failed result of the download this failure stopped, or null when none is known. */
  public DownloadResult result() {
    return result;
  }

  /** A failed write or save of {@code what}, with the reason a person can act on ({@code disk full}). */
  public static LocalFailure writing(String what, IOException cause) {
    String m = cause.getMessage();
    String why = m != null && m.contains("No space") ? "disk full" : m;
    return new LocalFailure("cannot write " + what + ": " + why, cause);
  }
}

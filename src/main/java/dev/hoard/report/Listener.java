package dev.hoard.report;

/** What a run tells the user, as events; network code never prints. Implementations are thread-safe. */
public interface Listener {
  /** A download began; {@code total} is its length, or -1 when unknown. */
  default void started(String url, String path, long total) {}

  /** {@code bytes} more bytes landed, for any download. */
  default void progress(long bytes) {}

  /** A download ended. */
  void finished(DownloadResult result);

  /** A problem that is not one download's result: a bad line, a state file that was discarded. */
  void problem(String message);

  /** The run ended. */
  void summary(Summary summary);

  /** Called once, last, to release the terminal. */
  default void close() {}
}

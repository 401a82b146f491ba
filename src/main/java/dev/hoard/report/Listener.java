package dev.hoard.report;

/** What a run tells the user, as events; network code never prints. Implementations are thread-safe. */
public interface Listener {
  /** {@code bytes} more bytes landed, for any download. */
  default void progress(long bytes) {}

  /** A download ended. */
  void finished(DownloadResult result);

  // The events below carry the download's id, so live lines can follow each download. The flow emits, per download:
  // started once it knows the length (again after a restart), progress for each write, pieces as the count of range
  // requests changes, retrying before each wait, and finished last. Every one defaults to nothing, or to its
  // id-less twin above, so a listener that needs no ids implements none of them.

  /**
   * Download {@code id} began (or began again after a restart: the same id replaces its line). {@code id} is unique
   * among the downloads of a run; {@code name} is the file's path inside the folder; {@code total} its length, or -1
   * when unknown; {@code alreadyDone} the bytes resumed from disk, shown as done but not counted as downloaded.
   */
  default void started(long id, String name, long total, long alreadyDone) {}

  /** {@code bytes} more bytes of download {@code id} landed; by default counted as {@link #progress(long)}. */
  default void progress(long id, long bytes) {
    progress(bytes);
  }

  /** Download {@code id} now has {@code inFlight} range requests running (chunked downloads only). */
  default void pieces(long id, int inFlight) {}

  /**
   * Download {@code id} will be tried again: {@code what} failed (the URL and the reason, as in an error message),
   * attempt {@code attempt} of {@code of} follows after {@code wait}.
   */
  default void retrying(long id, String what, int attempt, int of, java.time.Duration wait) {}

  /** Download {@code id} ended; by default {@link #finished(DownloadResult)}. */
  default void finished(long id, DownloadResult result) {
    finished(result);
  }

  /** The run has met {@code files} files so far (listed, or found by crawling): the "of N" of live progress. */
  default void known(long files) {}

  /** An HTTP request was answered, or failed: {@code -v} shows it (only a verbose run sends these). */
  default void exchanged(Exchange exchange) {}

  /**
   * Line {@code line} of the links file {@code input} ({@code stdin} for standard input) could not be used, for
   * {@code error}; by default a {@link #problem}.
   */
  default void badLine(String input, int line, String error) {
    problem(input + ":" + line + ": " + error);
  }

  /**
   * A finished file of this run, from {@code url} (null when it records none), moved from {@code from} to {@code to}
   * (paths as reports show them) after its result was told, because {@code why}; by default a {@link #problem}.
   */
  default void moved(String url, String from, String to, String why) {
    problem(from + " moved to " + to + ": " + why);
  }

  /** A problem that is not one download's result: a bad line, a state file that was discarded. */
  void problem(String message);

  /** The run ended. */
  void summary(Summary summary);

  /** Called once, last, to release the terminal. */
  default void close() {}
}

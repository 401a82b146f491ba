package dev.hoard.report;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one download, as reported in plain lines and {@code --json}.
 *
 * @param url the URL, its password hidden
 * @param path where the file is (or would be), relative to the working directory; null when none was chosen
 * @param http the last HTTP status seen from {@code url} (for mirrors, the first URL's own), or 0
 * @param error why it failed, or null; made {@link Printable} here, as it often quotes a server (a reason phrase, a
 *     header value, a redirect's Location), so every output of a result (lines, {@code --json}) shows it safely
 * @param depth how many links from a listed page (0 for a listed URL)
 * @param parent the page that linked it, or null
 */
public record DownloadResult(String url, String path, Status status, long bytes, long ms, int http, String error,
    int depth, String parent) {
  /** ok, skipped, or failed. */
  public enum Status {
    OK, SKIPPED, FAILED;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DownloadResult {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(status, "status");
    if (status == Status.FAILED && error == null) throw new IllegalArgumentException("a failure needs a reason");
    error = Printable.of(error);
  }
}

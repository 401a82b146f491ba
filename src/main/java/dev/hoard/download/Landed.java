package dev.hoard.download;

import dev.hoard.report.DownloadResult;
import dev.hoard.store.ServedAs;
import java.net.URI;
import java.nio.file.Path;

/**
 * What a download left: its result for the report, and what a crawl needs of a page.
 *
 * @param file the file it landed in (or would have), or null when no name was reached
 * @param contentType the response's {@code Content-Type}, or null (a skipped file, a failure)
 * @param finalUrl the URL that answered after redirects: a page's relative links resolve against it
 */
public record Landed(DownloadResult result, Path file, String contentType, URI finalUrl) {
  /**
   * For a file skipped as already there, what its server said when it was fetched, as the file records it (its type,
   * and where a redirect led): a crawl reads a saved page's links as the run that fetched it did. Read here, when a
   * crawl asks, not for every skipped file of a plain list. Any other result as it is.
   */
  public Landed asServed() {
    if (result.status() != DownloadResult.Status.SKIPPED || file == null) return this;
    ServedAs served = ServedAs.of(file);
    if (served == ServedAs.NONE) return this;
    return new Landed(result, file, served.contentType(), served.finalUrl() != null ? served.finalUrl() : finalUrl);
  }
}

package dev.hoard.download;

import dev.hoard.report.DownloadResult;
import java.net.URI;
import java.nio.file.Path;

/**
 * What a download left: its result for the report, and what a crawl needs of a page.
 *
 * @param file the file it landed in (or would have), or null when no name was reached
 * @param contentType the response's {@code Content-Type}, or null (a skipped file, a failure)
 * @param finalUrl the URL that answered after redirects: a page's relative links resolve against it
 */
public record Landed(DownloadResult result, Path file, String contentType, URI finalUrl) {}

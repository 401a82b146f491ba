package dev.hoard.download;

import java.util.Objects;

/**
 * How each download of a run goes.
 *
 * @param connections {@code -x}: range requests in flight for one file
 * @param minChunk {@code -k}: no piece smaller than this is requested
 * @param overwrite download again even when the finished file is there
 * @param maxFileSize the largest file accepted ({@link Long#MAX_VALUE}: any)
 * @param contentDisposition take the file name from {@code Content-Disposition}
 * @param timestamping {@code -N}: a file already there is fetched again only when the server's copy is newer or of
 *     another size
 */
public record DownloadOptions(Connections connections, long minChunk, boolean overwrite, long maxFileSize,
    boolean contentDisposition, boolean timestamping) {
  public DownloadOptions {
    Objects.requireNonNull(connections, "connections");
    if (minChunk < 1) throw new IllegalArgumentException("--min-chunk must be at least 1 byte: " + minChunk);
    if (maxFileSize < 0) throw new IllegalArgumentException("--max-filesize must be >= 0: " + maxFileSize);
  }
}

package dev.hoard.fetch;

/**
 * The server ranged the first request but answers later range requests with the whole file, unchanged: the download
 * goes on as one plain stream.
 */
public final class RangesRefusedException extends NotRetryableException {
  public RangesRefusedException(String message) {
    super(message);
  }
}

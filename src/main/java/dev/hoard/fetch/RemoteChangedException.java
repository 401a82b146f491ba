package dev.hoard.fetch;

/** The server's copy changed under a download (ETag, Last-Modified or length differ): the file starts over. */
public final class RemoteChangedException extends NotRetryableException {
  public RemoteChangedException(String message) {
    super(message);
  }
}

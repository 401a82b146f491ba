package dev.hoard.fetch;

/** The server's copy changed under a download (ETag, Last-Modified or length differ): the file must start over. */
public final class RemoteChangedException extends FatalException {
  public RemoteChangedException(String message) {
    super(message);
  }
}

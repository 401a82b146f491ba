package dev.hoard.fetch;

/** The server ranged the first request but answers later range requests with the whole file, unchanged. */
public final class RangesRefusedException extends FatalException {
  public RangesRefusedException(String message) {
    super(message);
  }
}

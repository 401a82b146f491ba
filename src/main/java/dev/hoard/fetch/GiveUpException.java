package dev.hoard.fetch;

/**
 * The download fails for good: a redirect loop, a refused scheme, a server asking to wait too long, a file over
 * {@code --max-filesize}, a sha256 mismatch.
 */
public final class GiveUpException extends NotRetryableException {
  public GiveUpException(String message) {
    super(message);
  }
}

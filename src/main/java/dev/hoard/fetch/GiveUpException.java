package dev.hoard.fetch;

/**
 * The download fails for good: a redirect loop, a refused scheme, a server asking to wait too long, a file over
 * {@code --max-filesize}, a sha256 mismatch.
 */
public final class GiveUpException extends NotRetryableException {
  public GiveUpException(String message) {
    super(message);
  }

  /** Gives up because of {@code cause} (the answer that asked to wait too long, say), which stays at hand. */
  public GiveUpException(String message, Throwable cause) {
    super(message);
    initCause(cause);
  }
}

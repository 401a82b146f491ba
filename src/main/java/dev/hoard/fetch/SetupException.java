package dev.hoard.fetch;

/**
 * A network setting that cannot be used (a proxy URL, a cookies file, a netrc file, a CA file), found before any
 * request is sent; its message names the option or file and the bad value, never a password.
 */
public final class SetupException extends Exception {
  public SetupException(String message) {
    super(message);
  }

  public SetupException(String message, Throwable cause) {
    super(message, cause);
  }
}

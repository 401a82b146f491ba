package dev.hoard.fetch;

import java.io.IOException;

/** A failure that another attempt cannot fix: a redirect loop, a refused scheme, a server asking to wait too long. */
public class FatalException extends IOException {
  public FatalException(String message) {
    super(message);
  }
}

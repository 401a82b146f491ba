package dev.hoard.fetch;

import java.io.IOException;

/**
 * A failure that asking again, the same way, cannot fix; each kind names what the download does instead: give up
 * ({@link GiveUpException}), start the file over ({@link RemoteChangedException}), or take it as one plain stream
 * ({@link RangesRefusedException}).
 */
public abstract sealed class NotRetryableException extends IOException
    permits GiveUpException, RemoteChangedException, RangesRefusedException {
  NotRetryableException(String message) {
    super(message);
  }
}

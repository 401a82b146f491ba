package dev.hoard.chunk;

import java.io.IOException;

/**
 * Where the connections of one transfer get their bytes: one server, or several mirrors of one file. Each connection
 * is given a source when it starts and gives it back when it ends; a source that fails for good may be dropped, and
 * the connection goes on with another, its piece and all.
 */
public interface Sources {
  /** A source for a connection starting now, or null when none is left. */
  Source assign();

  /** The connection that was given {@code source} ended. */
  void unassign(Source source);

  /**
   * {@code source} failed for good with {@code failure}: drops it and returns the source the connection goes on with
   * (already assigned to it), or null when none is left and the transfer must fail with {@code failure}.
   */
  Source replace(Source source, IOException failure);

  /** One source that is never dropped: its failure is the transfer's. */
  static Sources of(Source only) {
    return new Sources() {
      @Override
      public Source assign() {
        return only;
      }

      @Override
      public void unassign(Source source) {}

      @Override
      public Source replace(Source source, IOException failure) {
        return null;
      }
    };
  }
}

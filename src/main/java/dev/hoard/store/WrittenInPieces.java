package dev.hoard.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * That a part file is written in pieces, at their offsets, so it may have holes: the extended attribute
 * {@code user.hoard.pieces}. Such a part is resumed only through its resume state; when the state is gone, its length
 * says nothing of what it holds, and the download starts over. Where the file system keeps no extended attributes
 * there is no mark, and a large part without a state is resumed after its length, as a plain stream's is.
 */
public final class WrittenInPieces {
  private WrittenInPieces() {}

  private static final FileMark MARK = new FileMark("hoard.pieces", "1");

  /** Marks {@code part}; false when its file system keeps no mark. */
  static boolean set(Path part) throws IOException {
    return MARK.set(part);
  }

  /** Whether {@code part} carries the mark. */
  public static boolean isSet(Path part) {
    return MARK.isOn(part);
  }
}

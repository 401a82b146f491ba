package dev.hoard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * That a part file is written in pieces, at their offsets, so it may have holes: the extended attribute
 * {@code user.hoard.pieces}. Such a part is resumed only through its resume state; when the state is gone, its length
 * says nothing of what it holds, and the download starts over. Where the file system keeps no extended attributes
 * there is no mark, and a large part without a state is resumed after its length, as a plain stream's is.
 */
public final class WrittenInPieces {
  private WrittenInPieces() {}

  static final String ATTRIBUTE = "hoard.pieces";
  private static final byte[] YES = "1".getBytes(StandardCharsets.US_ASCII);

  /** Marks {@code part}; false when its file system keeps no mark. */
  static boolean set(Path part) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(part, UserDefinedFileAttributeView.class);
    if (view == null) return false;
    try {
      view.write(ATTRIBUTE, ByteBuffer.wrap(YES));
      return true;
    } catch (UnsupportedOperationException | FileSystemException noAttributesHere) {
      return false;
    }
  }

  /** Whether {@code part} carries the mark. */
  public static boolean isSet(Path part) {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(part, UserDefinedFileAttributeView.class);
    if (view == null) return false;
    try {
      return view.size(ATTRIBUTE) == YES.length;
    } catch (IOException | UnsupportedOperationException none) {
      return false;
    }
  }
}

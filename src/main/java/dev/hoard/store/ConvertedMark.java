package dev.hoard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * Whether a saved page's links were rewritten by {@code --convert-links}: the extended attribute
 * {@code user.hoard.links} set to {@code local}. A later run reads such a page's links as the local files they lead to
 * ({@code index.1.html}, {@code docs.1}), not as URLs of those names. Where the file system keeps no extended
 * attributes there is no mark, and a converted page's links read back as URLs, as before the mark.
 */
public final class ConvertedMark {
  private ConvertedMark() {}

  static final String ATTRIBUTE = "hoard.links";
  private static final String LOCAL = "local";

  /** Marks {@code file} as converted; false when its file system keeps no mark. */
  public static boolean set(Path file) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) return false;
    try {
      view.write(ATTRIBUTE, ByteBuffer.wrap(LOCAL.getBytes(StandardCharsets.US_ASCII)));
      return true;
    } catch (UnsupportedOperationException | FileSystemException noAttributesHere) {
      return false;
    }
  }

  /** Whether {@code file} carries the mark. */
  public static boolean isSet(Path file) {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) return false;
    try {
      if (view.size(ATTRIBUTE) != LOCAL.length()) return false;
      ByteBuffer buf = ByteBuffer.allocate(LOCAL.length());
      view.read(ATTRIBUTE, buf);
      return LOCAL.equals(new String(buf.array(), StandardCharsets.US_ASCII));
    } catch (IOException | UnsupportedOperationException none) {
      return false;
    }
  }
}

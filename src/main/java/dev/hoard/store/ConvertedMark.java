package dev.hoard.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether a saved page's links were rewritten by {@code --convert-links}: the extended attribute
 * {@code user.hoard.links} set to {@code local}. A later run reads such a page's links as the local files they lead to
 * ({@code index.1.html}, {@code docs.1}), not as URLs of those names. Where the file system keeps no extended
 * attributes there is no mark, and a converted page's links read back as URLs, as before the mark.
 */
public final class ConvertedMark {
  private ConvertedMark() {}

  private static final FileMark MARK = new FileMark("hoard.links", "local");

  /** Marks {@code file} as converted; false when its file system keeps no mark. */
  public static boolean set(Path file) throws IOException {
    return MARK.set(file);
  }

  /** Whether {@code file} carries the mark. */
  public static boolean isSet(Path file) {
    return MARK.isOn(file);
  }
}

package dev.hoard.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * A finished file given new bytes at once ({@code --convert-links}): they go to a temporary file beside it, which
 * takes the file's permissions, modification time, recorded URL and {@link ServedAs} (with the size it was served
 * with), and is renamed over it, so a reader (or a run killed meanwhile) sees the old bytes or the new, never half of
 * each.
 */
public final class Rewrite {
  private Rewrite() {}

  /**
   * Replaces the bytes of {@code file}, a regular file (not a symbolic link), with {@code bytes}; with
   * {@code converted} the new file carries the {@link ConvertedMark} (set before it takes the name, so a page is never
   * converted and unmarked), and otherwise keeps the one the old file had.
   */
  public static void replace(Path file, byte[] bytes, boolean converted) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file: " + file);
    }
    String origin = FileOrigin.of(file);
    FileTime modified = Files.getLastModifiedTime(file);
    // a name no download takes (downloads never start with a dot), short enough for any file name limit
    Path temp = Files.createTempFile(file.getParent(), ".hoard-", ".rewrite");
    try {
      Files.write(temp, bytes);
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Files.getFileAttributeView(temp, PosixFileAttributeView.class)
            .setPermissions(posix.readAttributes().permissions());
      }
      if (origin != null) FileOrigin.record(temp, origin);
      if (converted || ConvertedMark.isSet(file)) ConvertedMark.set(temp);
      ServedAs.copy(file, temp);
      Files.setLastModifiedTime(temp, modified);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      FileOrigin.moved(temp, file);
    } finally {
      if (temp.toFile().exists()) {
        temp.toFile().delete();
        FileOrigin.forget(temp);
      }
    }
  }
}

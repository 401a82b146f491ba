package dev.hoard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * The URL a file came from, recorded on the file itself: the extended attribute {@code user.xdg.origin.url}, as
 * {@code curl --xattr} and {@code wget2 --xattr} write it, or, where the file system has no extended attributes, a
 * hidden sidecar {@code .NAME.origin} beside it (a name no download can take: downloads never start with a dot). A
 * rerun skips a file only when it records the same URL: a file of another URL, or of none, is never taken as done.
 */
public final class FileOrigin {
  private FileOrigin() {}

  /** The attribute's name in Java's {@code user} namespace. */
  static final String ATTRIBUTE = "xdg.origin.url";

  /** Longer values are not an origin we wrote: refused when read, so a hostile file cannot make hoard read much. */
  private static final int MAX_BYTES = 64 * 1024;

  /**
   * Records {@code url} (its password hidden) as where {@code file} came from; true when it took a sidecar, which
   * must then move with the file.
   */
  public static boolean record(Path file, String url) throws IOException {
    byte[] value = url.getBytes(StandardCharsets.UTF_8);
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view != null) {
      try {
        view.write(ATTRIBUTE, ByteBuffer.wrap(value));
        return false;
      } catch (UnsupportedOperationException | FileSystemException noAttributesHere) {
        // the file system (an old tmpfs, some network mounts) keeps no extended attributes: the sidecar does
      }
    }
    Files.write(sidecar(file), value, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    return true;
  }

  /** The URL {@code file} records, or null when it records none (another tool's file, or an older hoard's). */
  public static String of(Path file) {
    if (special(file)) return null;
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view != null) {
      try {
        int size = view.size(ATTRIBUTE);
        if (size > MAX_BYTES) return null;
        ByteBuffer buf = ByteBuffer.allocate(size);
        view.read(ATTRIBUTE, buf);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      } catch (IOException | UnsupportedOperationException noAttribute) {
        // none on the file, or none on this file system: look for the sidecar
      }
    }
    Path sidecar = sidecar(file);
    try {
      if (!sidecar.toFile().isFile() || Files.size(sidecar) > MAX_BYTES) return null;
      return Files.readString(sidecar, StandardCharsets.UTF_8);
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException unreadable) {
      return null;
    }
  }

  /**
   * Whether {@code file} (or what a link there leads to) is a FIFO, a socket or a device: nothing hoard wrote. Java
   * opens a file to read its extended attributes, and opening a FIFO with no writer blocks for ever.
   */
  static boolean special(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).isOther();
    } catch (IOException gone) {
      return false;
    }
  }

  /** Moves a sidecar along with its file (an extended attribute moves by itself). */
  static void moved(Path from, Path to) throws IOException {
    Path sidecar = sidecar(from);
    if (sidecar.toFile().exists()) Files.move(sidecar, sidecar(to), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes the sidecar of a file that is being removed. */
  static void forget(Path file) {
    sidecar(file).toFile().delete();
  }

  static Path sidecar(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".origin");
  }
}

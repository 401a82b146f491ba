package dev.hoard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;

/**
 * A mark hoard leaves on a file it wrote: an extended attribute in the {@code user} namespace holding a short value.
 * Where the file system keeps no extended attributes there is no mark, and what reads one finds none.
 */
final class FileMark {
  private final String name;
  private final byte[] value;

  /** @param name the attribute's name in Java's {@code user} namespace, as {@code hoard.links} */
  FileMark(String name, String value) {
    this.name = name;
    this.value = value.getBytes(StandardCharsets.US_ASCII);
  }

  /** Marks {@code file}; false when its file system keeps no mark. */
  boolean set(Path file) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) return false;
    try {
      view.write(name, ByteBuffer.wrap(value));
      return true;
    } catch (UnsupportedOperationException | FileSystemException noAttributesHere) {
      return false;
    }
  }

  /** Whether {@code file} carries the mark, with its value. */
  boolean isOn(Path file) {
    if (FileOrigin.special(file)) return false;
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) return false;
    try {
      if (view.size(name) != value.length) return false;
      ByteBuffer buf = ByteBuffer.allocate(value.length);
      view.read(name, buf);
      return Arrays.equals(buf.array(), value);
    } catch (IOException | UnsupportedOperationException none) {
      return false;
    }
  }
}

package dev.hoard.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The download folder: every path a download writes is resolved here, and none leads outside it, not through
 * {@code ..}, an absolute path, nor a symbolic link already in the folder.
 */
public final class Folder {
  /** A path that would lead outside the folder, or through a symbolic link. */
  public static final class UnsafePathException extends IOException {
    UnsafePathException(String message) {
      super(message);
    }
  }

  private final Path root;
  private final Path shownRoot;
  /** Folders this run made or found to be real folders (no links): a list of millions checks each once. */
  private final Set<Path> checkedFolders = ConcurrentHashMap.newKeySet();

  private Folder(Path root, Path shownRoot) {
    this.root = root;
    this.shownRoot = shownRoot;
  }

  /** Creates the folder if missing and checks that files can be created in it. */
  public static Folder open(Path dir) throws LocalFailure {
    try {
      Files.createDirectories(dir);
      Path real = dir.toRealPath();
      if (!Files.isDirectory(real)) throw new LocalFailure("'" + dir + "' is not a folder", null);
      Path probe = Files.createTempFile(real, "hoard-", ".probe");
      Files.delete(probe);
      return new Folder(real, dir);
    } catch (LocalFailure e) {
      throw e;
    } catch (AccessDeniedException e) {
      throw new LocalFailure("cannot write to folder '" + dir + "': permission denied", e);
    } catch (NoSuchFileException e) {
      throw new LocalFailure("cannot create folder '" + dir + "': no such parent folder", e);
    } catch (FileAlreadyExistsException e) {
      throw new LocalFailure("cannot create folder '" + dir + "': a file of that name is in the way", e);
    } catch (FileSystemException e) {
      String why = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
      throw new LocalFailure("cannot write to folder '" + dir + "': " + why, e);
    } catch (IOException e) {
      throw new LocalFailure("cannot write to folder '" + dir + "': " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The file at {@code relative} (segments separated by {@code /}, each already a safe name) inside the folder,
   * with its parent folders created. Refuses {@code .}, {@code ..}, empty segments and symbolic links on the way.
   */
  public Path resolve(String relative) throws IOException {
    Path at = root;
    String[] segments = relative.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\0') >= 0 || s.indexOf('\\') >= 0) {
        throw new UnsafePathException("refusing unsafe path '" + relative + "'");
      }
      at = at.resolve(s);
      if (!at.normalize().startsWith(root)) throw new UnsafePathException("refusing path outside the folder: " + relative);
      boolean folder = i < segments.length - 1;
      if (folder && checkedFolders.contains(at)) continue;
      // java.io.File first: it answers "no such file" without an exception, and most targets do not exist yet
      if (at.toFile().exists() && Files.isSymbolicLink(at)) {
        throw new UnsafePathException("refusing to write through the symbolic link " + show(at));
      }
      if (folder && !at.toFile().isDirectory()) {
        try {
          Files.createDirectory(at);
        } catch (FileAlreadyExistsException e) {
          // another download may have just created it; only a file (or a link) in the way is a problem
          if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafePathException("cannot create folder " + show(at) + ": a file of that name is in the way");
          }
        }
      }
      if (folder) checkedFolders.add(at);
    }
    return at;
  }

  /** The path as reports show it: DIR as it was given (relative or absolute), then the path inside it. */
  public String show(Path p) {
    return shownRoot.resolve(root.relativize(p)).toString();
  }

  /**
   * A message with every path inside the folder shown as {@link #show} shows it: files are written under the
   * folder's real path, which the system's own messages (a failed write, a refused link) name in full.
   */
  public String showIn(String message) {
    if (message == null || root.equals(shownRoot)) return message;
    String real = root.toString();
    String given = shownRoot.toString();
    StringBuilder b = new StringBuilder(message.length());
    int from = 0;
    for (int at = message.indexOf(real); at >= 0; at = message.indexOf(real, from)) {
      int end = at + real.length();
      // only the whole folder name, not /abs/dir2 for /abs/dir
      boolean whole = end == message.length() || message.charAt(end) == '/' || !isNameChar(message.charAt(end));
      b.append(message, from, at).append(whole ? given : real);
      from = end;
    }
    return b.append(message, from, message.length()).toString();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
  }

}

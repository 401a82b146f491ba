package dev.hoard.queue;

import dev.hoard.store.FileOrigin;
import dev.hoard.store.MirrorPath;
import dev.hoard.store.SafeName;
import dev.hoard.url.UrlNormalizer;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;

/**
 * The files of the mirror tree, found by URL on disk: those of this run and of earlier runs alike. A URL's file is at
 * its mirror path, or at a numbered name beside it when another URL held that path, and records the URL it came
 * from. Holds nothing in memory; safe to share between threads.
 */
final class MirrorFiles {
  /** Numbered names tried past the first missing one: a URL that failed may have left its number unused. */
  private static final int GAP = 1;

  private final Path root;

  /** The mirror tree in {@code root}, the download folder. */
  MirrorFiles(Path root) {
    this.root = root;
  }

  /**
   * Where the file of {@code url} (in {@link UrlNormalizer} form) lies, relative to the folder, or null when the
   * folder holds none. A file at the URL's own mirror path that records another URL of that same path (the page
   * {@code http://h/a/} for {@code http://h/a/index.html}, or {@code http://h/list?p=2} for
   * {@code http://h/list@p=2}, a link that {@code --convert-links} wrote) counts when no file records the URL itself.
   */
  Path find(URI url) {
    Match m = match(url);
    return m == null ? null : m.path;
  }

  /**
   * The URL whose file a link read from a saved copy leads to: {@code url} itself, or the URL recorded by the file
   * at its mirror path when that file is of another URL of the same path (the link was rewritten by
   * {@code --convert-links}); {@code url} when the folder holds no file for it.
   */
  URI original(URI url) {
    Match m = match(url);
    return m == null || m.origin == null ? url : m.origin;
  }

  /**
   * The file at {@code url}'s own mirror path, relative to the folder, or null when none is there: where a link of a
   * page converted by {@code --convert-links} leads, whatever URL that file records ({@code index.1.html} is the file
   * of {@code /index.html} when {@code /} took {@code index.html}).
   */
  Path atItsPath(URI url) {
    Path wanted;
    try {
      wanted = MirrorPath.of(url);
    } catch (IllegalArgumentException | IllegalStateException notMirrored) {
      return null;
    }
    return root.resolve(wanted).toFile().isFile() ? wanted : null;
  }

  /**
   * The URL a link of a page converted by {@code --convert-links} stood for: the one recorded by the file it leads to
   * ({@link #atItsPath}); {@code url} itself when it leads to no file (a link to what was not downloaded stays the
   * absolute URL) or to one that records none.
   */
  URI beforeConversion(URI url) {
    Path file = atItsPath(url);
    URI origin = file == null ? null : recorded(root.resolve(file));
    return origin == null ? url : origin;
  }

  /** The file found, and the URL it records when that is not the one asked for. */
  private record Match(Path path, URI origin) {}

  private Match match(URI url) {
    Path wanted;
    try {
      wanted = MirrorPath.of(url);
    } catch (IllegalArgumentException | IllegalStateException notMirrored) {
      return null;
    }
    Path folder = wanted.getParent();
    String name = wanted.getFileName().toString();
    Match samePath = null;
    int missing = 0;
    for (int n = 0; missing <= GAP; n++) {
      Path candidate = n == 0 ? wanted : folder.resolve(SafeName.numbered(name, n));
      File file = root.resolve(candidate).toFile();
      if (!file.isFile()) {
        missing++;
        continue;
      }
      URI origin = recorded(root.resolve(candidate));
      if (origin == null) continue;
      if (origin.equals(url)) return new Match(candidate, null);
      if (n == 0 && samePath(origin, wanted)) samePath = new Match(candidate, origin);
    }
    return samePath;
  }

  private static URI recorded(Path file) {
    String origin = FileOrigin.of(file);
    return origin == null ? null : UrlNormalizer.normalize(origin);
  }

  private static boolean samePath(URI origin, Path wanted) {
    try {
      return MirrorPath.of(origin).equals(wanted);
    } catch (IllegalArgumentException | IllegalStateException notMirrored) {
      return false;
    }
  }
}

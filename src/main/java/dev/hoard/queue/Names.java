package dev.hoard.queue;

import dev.hoard.store.SafeName;
import java.util.function.Function;

/**
 * The naming authority of a run: the paths (relative to the folder) it has handed out, and the folders they need, so
 * two different URLs that map to one path both land. The first (in list order) keeps the path, the next gets
 * {@code name.1.ext}, and so on; only the last path segment is ever numbered, never a folder or a host of the mirror
 * tree. A path taken on disk by a file of another URL (or of none) stays that file's. Holds 64-bit hashes, not
 * strings, in flat arrays, so a list of millions of lines stays small.
 */
final class Names {
  /** The owner of a path that is a folder: of every URL below it, of none itself. */
  private static final long FOLDER = 0x632be59bd9b4e019L;
  /** The owner of a path taken on disk by something that records no URL. */
  private static final long UNKNOWN = 0x9e3779b97f4a7c15L;

  /** What is on disk at a path: nothing (null), or the URL it records ("" for none). */
  @FunctionalInterface
  interface Disk extends Function<String, String> {
    Disk EMPTY = path -> null;
  }

  private final LongLongMap owners = new LongLongMap();
  private final Disk disk;

  Names(Disk disk) {
    this.disk = disk;
  }

  /**
   * The first folder of {@code wanted} that a file of this run holds ({@code h/docs} for {@code h/docs/intro}), or
   * null when every folder on the way is free; then they are all recorded as folders, so no file takes their name.
   */
  synchronized String fileInTheWay(String wanted) {
    for (int slash = wanted.indexOf('/'); slash >= 0; slash = wanted.indexOf('/', slash + 1)) {
      long owner = owners.get(hash(wanted.substring(0, slash)));
      if (owner != LongLongMap.MISSING && owner != FOLDER && owner != UNKNOWN) return wanted.substring(0, slash);
    }
    for (int slash = wanted.indexOf('/'); slash >= 0; slash = wanted.indexOf('/', slash + 1)) {
      owners.put(hash(wanted.substring(0, slash)), FOLDER);
    }
    return null;
  }

  /** A path for {@code url} based on {@code wanted}: the same one again for the same URL. */
  synchronized String reserve(String wanted, String url) {
    return reserve(wanted, hash(url));
  }

  /**
   * {@code path}, a file of this run, must give way to a folder of its name: the next free path for its owner, to
   * which the caller moves it. The path is a folder from now on.
   */
  synchronized String moveAside(String path) {
    long owner = owners.put(hash(path), FOLDER);
    return reserve(path, owner == LongLongMap.MISSING ? UNKNOWN : owner);
  }

  /**
   * Records that {@code path} is taken on disk by a file of {@code ownerUrl} (null when the file records none): from
   * now on only that URL gets the path.
   */
  synchronized void takenOnDisk(String path, String ownerUrl) {
    owners.put(hash(path), ownerUrl == null || ownerUrl.isEmpty() ? UNKNOWN : hash(ownerUrl));
  }

  private String reserve(String wanted, long owner) {
    int slash = wanted.lastIndexOf('/');
    String folder = wanted.substring(0, slash + 1);
    String name = wanted.substring(slash + 1);
    for (int n = 0; ; n++) {
      String candidate = n == 0 ? wanted : folder + SafeName.numbered(name, n);
      long key = hash(candidate);
      long current = owners.get(key);
      if (current == LongLongMap.MISSING) {
        // first met in this run: what the disk holds there decides whose it is
        String onDisk = disk.apply(candidate);
        current = onDisk == null ? owner : onDisk.isEmpty() ? UNKNOWN : hash(onDisk);
        owners.put(key, current);
      }
      if (current == owner) return candidate;
    }
  }

  static long hash(String s) {
    // FNV-1a, 64 bits: stable and cheap
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    // the one value the maps of hashes cannot hold
    return h == LongLongMap.MISSING ? h + 1 : h;
  }
}

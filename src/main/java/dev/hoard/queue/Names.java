package dev.hoard.queue;

import dev.hoard.store.SafeName;
import java.util.function.Function;

/**
 * The naming authority of a run: the paths (relative to the folder) it has handed out, and the folders they need, so
 * two different URLs that map to one path both land. The first (in list order) keeps the path, the next gets
 * {@code name.1.ext}, and so on; only the last path segment is ever numbered, never a folder or a host of the mirror
 * tree. A path taken on disk by a file of another URL (or of none) stays that file's. Holds 64-bit hashes, not
 * strings, in flat arrays, so a list of millions of lines stays small.
 *
 * <p>Numbering remembers, for each path asked for by more than one URL, how far its numbers were looked at, and which
 * number each URL holds: the ten-thousandth {@code download?id=N} of a list takes its number without trying the
 * 9,999 before it again.
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

  /** Salt of the key under which {@link #numbering} keeps how far a wanted path's numbers were looked at. */
  private static final long LOOKED_AT = 0x5851f42d4c957f2dL;

  private final LongLongMap owners = new LongLongMap();
  /**
   * For a wanted path whose numbers were looked at: under (its hash, {@link #LOOKED_AT}), the first number not looked
   * at yet; under (its hash, an owner), the lowest number that owner holds; each with the {@link #generation} it was
   * recorded in. Every numbered path below the first one not looked at has its owner in {@link #owners}, and its number
   * here when that owner is a URL.
   */
  private final LongLongMap numbering = new LongLongMap();
  private final Disk disk;
  /** Paths looked at by {@link #reserve}: how much work naming did, for tests. */
  private long examined;
  /**
   * Counts the paths that changed owner after they were looked at: what {@link #numbering} recorded in an earlier
   * generation is void.
   */
  private int generation;

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
    // a path looked at before has a new owner, which no record of numbering knows: every name looks again, once
    generation++;
  }

  /** How many paths {@link #reserve} has looked at so far. */
  synchronized long examined() {
    return examined;
  }

  /**
   * The first path of {@code wanted}, {@code name}, {@code name.1}, … that {@code owner} holds, or that nobody held
   * and nothing on disk takes (it is {@code owner}'s from now on).
   */
  private String reserve(String wanted, long owner) {
    int slash = wanted.lastIndexOf('/');
    String folder = wanted.substring(0, slash + 1);
    String name = wanted.substring(slash + 1);
    long base = hash(wanted);
    // the path itself first: most URLs get it
    long first = owners.get(base);
    if (first == owner) return wanted;
    long from = 0;
    long held = recorded(mix(base, owner));
    if (held >= 0) {
      String path = folder + SafeName.numbered(name, (int) held);
      if (owners.get(hash(path)) == owner) return path;
      // that path went to someone else since (a folder now): look from the start
    } else if (first != LongLongMap.MISSING) {
      // numbers below the first not looked at are not this owner's
      from = Math.max(1, lookedAt(base));
    }
    for (long n = from; ; n++) {
      examined++;
      String candidate = n == 0 ? wanted : folder + SafeName.numbered(name, (int) n);
      long key = n == 0 ? base : hash(candidate);
      long current = owners.get(key);
      if (current == LongLongMap.MISSING) {
        // first met in this run: what the disk holds there decides whose it is
        String onDisk = disk.apply(candidate);
        current = onDisk == null ? owner : onDisk.isEmpty() ? UNKNOWN : hash(onDisk);
        owners.put(key, current);
      }
      if (n > 0) {
        if (lookedAt(base) <= n) record(mix(base, LOOKED_AT), n + 1);
        if (current != FOLDER && current != UNKNOWN) {
          long heldKey = mix(base, current);
          long before = recorded(heldKey);
          if (before < 0 || before > n || current == owner) record(heldKey, n);
        }
      }
      if (current == owner) return candidate;
    }
  }

  /** The first number of {@code base} not looked at yet in this generation: 0 when none was. */
  private long lookedAt(long base) {
    return Math.max(0, recorded(mix(base, LOOKED_AT)));
  }

  /** The number {@link #numbering} holds under {@code key} for this generation; -1 when none. */
  private long recorded(long key) {
    long value = numbering.get(key);
    if (value == LongLongMap.MISSING || (int) (value >>> 32) != generation) return -1;
    return value & 0xffffffffL;
  }

  private void record(long key, long number) {
    numbering.put(key, (long) generation << 32 | number);
  }

  /** A key for a pair of hashes, apart from either (a wanted path and an owner, or the looked-at mark). */
  private static long mix(long a, long b) {
    long h = a * 0x9e3779b97f4a7c15L + Long.rotateLeft(b, 31);
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 32;
    return h == LongLongMap.MISSING ? h + 1 : h;
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

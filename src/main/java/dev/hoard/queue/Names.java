package dev.hoard.queue;

import dev.hoard.store.SafeName;
import java.util.HashMap;
import java.util.Map;

/**
 * The file names this run has handed out, so two different URLs that map to one name both land: the first (in list
 * order) keeps the name, the next gets {@code name.1.ext}, and so on. Holds 64-bit hashes, not strings, so a list of
 * millions of lines stays small.
 */
final class Names {
  private final Map<Long, Long> owners = new HashMap<>();

  /** A name for {@code url} based on {@code wanted}: the same one again for the same URL. */
  synchronized String reserve(String wanted, String url) {
    long owner = hash(url);
    for (int n = 0; ; n++) {
      String candidate = n == 0 ? wanted : SafeName.numbered(wanted, n);
      Long current = owners.putIfAbsent(hash(candidate), owner);
      if (current == null || current == owner) return candidate;
    }
  }

  static long hash(String s) {
    // FNV-1a, 64 bits: stable and cheap
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}

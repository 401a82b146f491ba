package dev.hoard.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Everything the demo server serves: generated files of deterministic bytes under {@code /files/}, and the site. */
final class Catalog {
  static final String FILES = "/files/";

  private final List<Served> files;
  private final List<Served> pages = Site.pages();
  private final List<Served> assets = Site.assets();
  private final Map<String, Served> byPath = new LinkedHashMap<>();

  private Catalog(List<Served> files) {
    this.files = List.copyOf(files);
    for (List<Served> group : List.of(this.files, pages, assets)) {
      for (Served s : group) byPath.put(s.path(), s);
    }
  }

  /** {@code count} files of {@code size} bytes each, and the site. */
  static Catalog generate(int count, int size) {
    if (count < 1) throw new IllegalArgumentException("files must be >= 1: " + count);
    if (size < 1) throw new IllegalArgumentException("size must be >= 1: " + size);
    List<Served> files = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      files.add(Served.of(String.format("%sfile-%02d.bin", FILES, i), "application/octet-stream", bytes(i, size)));
    }
    return new Catalog(files);
  }

  /** The same bytes for the same file on every run: random-looking, so no byte hides a misplaced piece. */
  static byte[] bytes(int file, int size) {
    byte[] b = new byte[size];
    new SplittableRandom(0x686f617264L + file).nextBytes(b);
    return b;
  }

  List<Served> files() {
    return files;
  }

  long filesBytes() {
    return files.stream().mapToLong(f -> f.body().length).sum();
  }

  /** The site's pages, the start page first. */
  List<Served> pages() {
    return pages;
  }

  /** The site's style sheet and images. */
  List<Served> assets() {
    return assets;
  }

  /** What is served at {@code path}, or null. */
  Served at(String path) {
    return byPath.get(path);
  }
}

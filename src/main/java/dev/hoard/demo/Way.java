package dev.hoard.demo;

import java.util.List;

/**
 * One way the demo downloads its files: a pair of pool sizes, named for which pools work.
 *
 * @param name the table's name of the way
 * @param folder the folder its downloads land in, inside the demo's folder
 */
public record Way(String name, String folder, int jobs, int connections) {
  public Way {
    if (jobs < 1 || connections < 1) {
      throw new IllegalArgumentException("pool sizes must be >= 1: -j " + jobs + " -x " + connections);
    }
  }

  /** Serial, the outer pool only, the inner pool only, both: the four ways the demo compares. */
  static List<Way> four(int jobs, int connections) {
    return List.of(
        new Way("serial", "serial", 1, 1),
        new Way("outer pool", "outer", jobs, 1),
        new Way("inner pool", "inner", 1, connections),
        new Way("both pools", "both", jobs, connections));
  }

  /** What it does, in words: {@code 4 files at once, one connection each}. */
  String described() {
    return (jobs == 1 ? "one file at a time" : jobs + " files at once") + ", "
        + (connections == 1 ? "one connection each" : connections + " range requests each");
  }
}

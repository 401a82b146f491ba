package dev.hoard.download;

/**
 * The {@code -x} setting: a fixed number of range requests per file, or {@code auto}, which opens more while each
 * step still adds throughput (the run's concurrency policy says how many, and how fast).
 */
public record Connections(int fixed) {
  public static final Connections AUTO = new Connections(0);

  public Connections {
    if (fixed < 0) throw new IllegalArgumentException("connections must be >= 1: " + fixed);
  }

  public static Connections of(int n) {
    if (n < 1) throw new IllegalArgumentException("connections must be >= 1: " + n);
    return new Connections(n);
  }

  public boolean auto() {
    return fixed == 0;
  }

  @Override
  public String toString() {
    return auto() ? "auto" : Integer.toString(fixed);
  }
}

package dev.hoard.chunk;

/**
 * The {@code -x} setting: a fixed number of range requests per file, or {@code auto}, which opens more while each
 * step still adds throughput, up to {@value #AUTO_MAX}.
 */
public record Connections(int fixed) {
  public static final int AUTO_MAX = 16;
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

  /** The most connections one file may use. */
  public int max() {
    return auto() ? AUTO_MAX : fixed;
  }

  @Override
  public String toString() {
    return auto() ? "auto" : Integer.toString(fixed);
  }
}

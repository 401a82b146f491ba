package dev.hoard.chunk;

/**
 * How many connections one {@link Transfer} runs: how many it starts with, and how many more it opens after each step
 * in which it measured its throughput. The run's concurrency policy decides; the transfer only measures and starts
 * them. One growth serves one transfer: it may remember what it decided before.
 */
public interface Growth {
  /** How many connections to start with, the one that carries on the probe's response among them. */
  int start();

  /** How long each measured step lasts; 0 when the transfer keeps the connections it started with. */
  long stepNanos();

  /** How many more connections to open now, after a step in which the file got {@code rate} bytes a nanosecond. */
  int more(double rate);

  /** {@code connections} started at once, and never more ({@code -x N}). */
  static Growth fixed(int connections) {
    return new Growth() {
      @Override
      public int start() {
        return connections;
      }

      @Override
      public long stepNanos() {
        return 0;
      }

      @Override
      public int more(double rate) {
        return 0;
      }
    };
  }
}

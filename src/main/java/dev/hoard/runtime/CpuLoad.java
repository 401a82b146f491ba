package dev.hoard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine's processors were: each meter answers for the time since its last reading (or since it
 * was made), so a caller that reads once per step sees that step alone. {@code -x auto} asks it before it opens more
 * connections: when every core was busy, more connections only share the same processor time.
 */
public interface CpuLoad {
  /** The share of all processors' time that was busy since the last call, from 0 to 1; NaN when not known. */
  double busy();

  /** A meter that never knows: decisions fall back to what they would do without it. */
  CpuLoad UNKNOWN = () -> Double.NaN;

  /** A meter of this machine, read from Linux's {@code /proc/stat}; {@link #UNKNOWN} where there is none. */
  static CpuLoad machine() {
    ProcStat meter = new ProcStat(Path.of("/proc/stat"));
    return meter.readable() ? meter : UNKNOWN;
  }

  /** The first line of {@code /proc/stat}: the processors' time so far, in ticks, by what they did. */
  final class ProcStat implements CpuLoad {
    private final Path file;
    private long lastIdle;
    private long lastTotal = -1;

    ProcStat(Path file) {
      this.file = file;
      long[] now = read();
      if (now != null) {
        lastIdle = now[0];
        lastTotal = now[1];
      }
    }

    boolean readable() {
      return lastTotal >= 0;
    }

    @Override
    public synchronized double busy() {
      long[] now = read();
      if (now == null || lastTotal < 0) return Double.NaN;
      long idle = now[0] - lastIdle;
      long total = now[1] - lastTotal;
      lastIdle = now[0];
      lastTotal = now[1];
      return total <= 0 ? Double.NaN : Math.min(1, Math.max(0, 1 - idle / (double) total));
    }

    /** {idle, total} ticks, or null when the file is missing or not of this form. */
    private long[] read() {
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(256);
      } catch (IOException | SecurityException e) {
        return null;
      }
      return parse(head);
    }

    /**
     * Reads {@code cpu  user nice system idle iowait irq softirq steal ...}: idle is idle plus iowait (a processor
     * waiting for the disk could run something else), total is the first eight fields.
     */
    static long[] parse(byte[] head) {
      if (head.length < 4 || head[0] != 'c' || head[1] != 'p' || head[2] != 'u' || head[3] != ' ') return null;
      int at = 3;
      long idle = 0;
      long total = 0;
      for (int field = 0; field < 8; field++) {
        while (at < head.length && head[at] == ' ') at++;
        if (at >= head.length || head[at] < '0' || head[at] > '9') return field >= 4 ? new long[] {idle, total} : null;
        long value = 0;
        while (at < head.length && head[at] >= '0' && head[at] <= '9') {
          value = value * 10 + (head[at++] - '0');
          if (value < 0) return null;
        }
        if (field == 3 || field == 4) idle += value;
        total += value;
      }
      return new long[] {idle, total};
    }
  }
}

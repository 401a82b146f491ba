package dev.hoard.runtime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuLoadTest {
  @TempDir Path dir;

  /** The first line of /proc/stat, as input -> {idle + iowait, the first eight fields}. */
  @Test
  void theFirstLineGivesIdleWithIowaitAndTheTotalOfTheFirstEightFields() {
    assertArrayEquals(new long[] {400 + 50, 100 + 10 + 200 + 400 + 50 + 3 + 7 + 1},
        parse("cpu  100 10 200 400 50 3 7 1 99 99\ncpu0 1 2 3 4 5 6 7 8 9 10\n"));
    assertArrayEquals(new long[] {9, 15}, parse("cpu 1 2 3 4 5\n"), "old kernels: fewer fields");
    assertArrayEquals(new long[] {4, 10}, parse("cpu 1 2 3 4"), "no newline");
    assertNull(parse("cpu 1 2 3\n"), "no idle field");
    assertNull(parse("intr 1 2 3 4 5 6 7 8\n"), "not the cpu line");
    assertNull(parse("cpu0 1 2 3 4 5 6 7 8\n"), "one processor's line, not the machine's");
    assertNull(parse(""), "empty");
    assertNull(parse("cpu 99999999999999999999 1 2 3 4\n"), "a number past a long");
  }

  @Test
  void eachReadingCoversTheTimeSinceTheLast() throws Exception {
    Path stat = dir.resolve("stat");
    Files.writeString(stat, "cpu  100 0 100 800 0 0 0 0 0 0\n", US_ASCII);
    CpuLoad.ProcStat meter = new CpuLoad.ProcStat(stat);
    assertTrue(meter.readable());

    Files.writeString(stat, "cpu  190 0 100 810 0 0 0 0 0 0\n", US_ASCII);
    assertEquals(0.9, meter.busy(), 1e-9, "90 busy ticks of 100 since it was made");
    Files.writeString(stat, "cpu  200 0 110 890 0 0 0 0 0 0\n", US_ASCII);
    assertEquals(0.2, meter.busy(), 1e-9, "20 of 100 since the last reading, not since the start");
    assertTrue(Double.isNaN(meter.busy()), "no tick passed: not known");
    Files.writeString(stat, "cpu  200 0 110 890 20 0 0 0 0 0\n", US_ASCII);
    assertEquals(0.0, meter.busy(), 1e-9, "waiting for the disk is idle");
  }

  @Test
  void aMachineWithoutTheFileIsNeverKnown() {
    CpuLoad.ProcStat meter = new CpuLoad.ProcStat(dir.resolve("missing"));
    assertTrue(!meter.readable());
    assertTrue(Double.isNaN(meter.busy()));
    assertTrue(Double.isNaN(CpuLoad.UNKNOWN.busy()));
  }

  @Test
  void thisMachinesMeterAnswersWithinZeroAndOneOrNotAtAll() {
    CpuLoad meter = CpuLoad.machine();
    if (Files.isReadable(Path.of("/proc/stat"))) assertTrue(meter instanceof CpuLoad.ProcStat);
    else assertSame(CpuLoad.UNKNOWN, meter);
    double busy = meter.busy();
    assertTrue(Double.isNaN(busy) || busy >= 0 && busy <= 1, "busy " + busy);
  }

  private static long[] parse(String head) {
    return CpuLoad.ProcStat.parse(head.getBytes(US_ASCII));
  }
}

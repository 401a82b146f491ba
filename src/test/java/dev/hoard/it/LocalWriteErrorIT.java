package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.testing.RangeFaults;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A write to the part file fails mid-run: the run stops with exit 3 and says why, and the part file and its state
 * stay consistent, so the same command completes the file once there is room.
 *
 * <p>The failing write is real: hoard runs under {@code ulimit -f} (RLIMIT_FSIZE). The JVM ignores SIGXFSZ, so a
 * write past the limit fails with EFBIG ("File too large"), as a write on a full disk fails with ENOSPC, with no
 * root, mount or tiny file system needed.
 */
class LocalWriteErrorIT extends ResumeHarness {
  private static final String ETAG = "\"v1\"";

  @Test
  void aFailingWriteStopsTheRunWithExit3AndTheRerunCompletesTheFile() throws Exception {
    byte[] body = bytes(41, 4 * MIB);
    files.file("/full.bin", body, "v1").on(r -> true, RangeFaults.trickle(32 * KIB, 10));
    String url = url("/full.bin");
    // bash counts ulimit -f in KiB: the part file may not grow past 2 MiB, half the file
    HoardProcess first = HoardProcess.startUnder(work, "ulimit -f 2048", "-d", dir.toString(), "-x", "4", "-k",
        "256K", url);
    assertEquals(3, first.exitCode(), first.stderr());
    assertTrue(first.stderr().contains("cannot write") && first.stderr().contains("File too large"),
        "the message must say what failed: " + first.stderr());
    assertTrue(first.stdout().contains("\nstopped: cannot write") && first.stdout().contains("run the same command"),
        "the summary must say what stopped the run and how to go on: " + first.stdout());
    assertFalse(Files.exists(target("full.bin")), "a partial file landed");
    List<long[]> claims = checkKillPoint("full.bin", body);
    assertTrue(Files.exists(state("full.bin")), "the state must be saved for the rerun");

    files.clearFaults();
    int mark = files.log().size();
    HoardProcess again = start("-x", "4", "-k", "256K", url);
    assertEquals(0, again.exitCode(), again.stderr());
    assertLanded("full.bin", body);
    assertAskedOnlyMissing(since(mark), claims, body.length, ETAG);
  }

  @Test
  void aFullDiskStopsTheRunWithExit3AndTheRerunCompletesOnceThereIsRoom() throws Exception {
    java.nio.file.Path tiny = work.resolve("tiny");
    Files.createDirectories(tiny);
    // a real ENOSPC needs a small file system: only root can mount one, so elsewhere this test is skipped
    org.junit.jupiter.api.Assumptions.assumeTrue(sh("mount -t tmpfs -o size=1m hoard-tiny " + tiny) == 0,
        "cannot mount a tmpfs here (not root?)");
    try {
      byte[] body = bytes(43, 4 * MIB);
      files.file("/disk.bin", body, "v1").on(r -> true, RangeFaults.trickle(32 * KIB, 10));
      String url = url("/disk.bin");
      dir = tiny;
      HoardProcess first = start("-x", "4", "-k", "256K", url);
      assertEquals(3, first.exitCode(), first.stderr());
      assertTrue(first.stderr().contains("disk full"), "the message must say the disk is full: " + first.stderr());
      assertFalse(Files.exists(target("disk.bin")), "a partial file landed");
      List<long[]> claims = checkKillPoint("disk.bin", body);

      assertEquals(0, sh("mount -o remount,size=16m " + tiny), "remount with room");
      files.clearFaults();
      int mark = files.log().size();
      HoardProcess again = start("-x", "4", "-k", "256K", url);
      assertEquals(0, again.exitCode(), again.stderr());
      assertLanded("disk.bin", body);
      assertAskedOnlyMissing(since(mark), claims, body.length, ETAG);
    } finally {
      sh("umount -l " + tiny);
    }
  }

  @Test
  void aFailingWriteOfAPlainStreamReportsTheBytesItWroteAsTheSummaryCountsThem() throws Exception {
    // a server without ranges: the file comes as one stream, not in pieces
    files.ignoringRanges();
    files.file("/plain.bin", bytes(47, 4 * MIB), "v1");
    HoardProcess first = HoardProcess.startUnder(work, "ulimit -f 1024", "-d", dir.toString(), "--json", "-q",
        url("/plain.bin"));
    assertEquals(3, first.exitCode(), first.stderr());
    List<String> lines = first.stdout().lines().toList();
    assertEquals(2, lines.size(), first.stdout());
    var record = JSON.std.mapFrom(lines.get(0));
    var summary = JSON.std.mapFrom(lines.get(1));
    assertEquals("failed", record.get("status"), first.stdout());
    long had = ((Number) record.get("bytes")).longValue();
    assertTrue(had > 0, "the part file holds what was written before the write failed: " + first.stdout());
    assertEquals(((Number) summary.get("bytes")).longValue(), had,
        "the bytes downloaded are the bytes the failed download had: " + first.stdout());
  }

  private static int sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command + " 2>/dev/null").start();
    return p.waitFor();
  }

  @Test
  void aFailingWriteOfAPlainStreamAlsoExits3() throws Exception {
    byte[] body = bytes(42, 2 * MIB);
    files.file("/plain.bin", body, null).ignoringRanges();
    String url = url("/plain.bin");
    HoardProcess first = HoardProcess.startUnder(work, "ulimit -f 1024", "-d", dir.toString(), url);
    assertEquals(3, first.exitCode(), first.stderr());
    assertTrue(first.stderr().contains("File too large"), first.stderr());
    assertFalse(Files.exists(target("plain.bin")), "a partial file landed");

    HoardProcess again = start(url);
    assertEquals(0, again.exitCode(), again.stderr());
    assertLanded("plain.bin", body);
  }
}

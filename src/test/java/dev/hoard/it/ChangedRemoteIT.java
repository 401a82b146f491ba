package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeFaults;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's copy changes between a killed run and its rerun (or during a run): the download starts over and ends
 * equal to the new version, never a mix of two.
 */
class ChangedRemoteIT extends ResumeHarness {
  /** Runs {@code v1} (served at {@code /NAME} by the test) slowly until the state claims some bytes, then kills it. */
  private void killMidway(String name, byte[] v1) throws Exception {
    files.on(r -> true, RangeFaults.trickle(16 * KIB, 40));
    HoardProcess first = start("-x", "4", "-k", "256K", url("/" + name));
    until("the state claims bytes", first, name, v1.length, () -> claimedNow(name) > 0);
    first.kill();
    List<long[]> claims = checkKillPoint(name, v1);
    assertTrue(sum(claims) > 0);
    files.clearFaults();
  }

  private HoardProcess rerun(String name) throws Exception {
    HoardProcess p = start("-x", "4", "-k", "256K", url("/" + name));
    assertEquals(0, p.exitCode(), p.stderr());
    return p;
  }

  @Test
  void restartsWhenTheETagChangedEvenIfTheServerIgnoresIfRange() throws Exception {
    byte[] v1 = bytes(21, 4 * MIB);
    byte[] v2 = bytes(22, 4 * MIB);
    files.file("/etag.bin", v1, "v1");
    killMidway("etag.bin", v1);
    files.file("/etag.bin", v2, "v2").ignoringIfRange();
    HoardProcess p = rerun("etag.bin");
    assertLanded("etag.bin", v2);
    assertTrue(p.stderr().contains("starting over"), p.stderr());
  }

  @Test
  void restartsWhenTheServerAnswersIfRangeWithTheWholeFile() throws Exception {
    byte[] v1 = bytes(23, 4 * MIB);
    byte[] v2 = bytes(24, 4 * MIB);
    String lm1 = "Wed, 21 Oct 2015 07:28:00 GMT";
    files.file("/lm.bin", v1, null, lm1);
    killMidway("lm.bin", v1);
    files.file("/lm.bin", v2, null, "Thu, 22 Oct 2015 07:28:00 GMT");
    int mark = files.log().size();
    rerun("lm.bin");
    assertLanded("lm.bin", v2);
    RangeDispatcher.Logged probe = since(mark).get(0);
    assertEquals(lm1, probe.request().ifRange(), "the resume must send the old Last-Modified as If-Range");
    assertEquals(200, probe.status());
  }

  @Test
  void restartsWhenTheLengthChangedAndThereAreNoValidators() throws Exception {
    byte[] v1 = bytes(25, 4 * MIB);
    byte[] v2 = bytes(26, 4 * MIB + 12345);
    files.file("/len.bin", v1, null);
    killMidway("len.bin", v1);
    files.file("/len.bin", v2, null);
    rerun("len.bin");
    assertLanded("len.bin", v2);
  }

  @Test
  void restartsWhenTheFileChangesWhilePiecesAreRunning() throws Exception {
    byte[] v1 = bytes(27, 4 * MIB);
    byte[] v2 = bytes(28, 4 * MIB);
    // the first piece is slow so a steal asks for a range after the change
    files.file("/live.bin", v1, "v1")
        .on(r -> r.first() <= 0, RangeFaults.trickle(16 * KIB, 40))
        .on(r -> r.first() > 0, RangeFaults.trickle(16 * KIB, 10));
    HoardProcess p = start("-x", "2", "-k", "256K", url("/live.bin"));
    until("half the file is served", p, "live.bin", v1.length, () -> files.served() > 2 * MIB);
    files.file("/live.bin", v2, "v2").clearFaults();
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("live.bin", v2);
  }
}

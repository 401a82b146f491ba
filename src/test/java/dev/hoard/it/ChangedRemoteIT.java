package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's copy changes between a killed run and its rerun (or during a run): the download starts over and ends
 * equal to the new version, never a mix of two.
 */
class ChangedRemoteIT extends ResumeHarness {
  private static final RangeServer.Pace SLOW = new RangeServer.Pace(16 * KIB, 40);

  /** Runs v1 until the state claims some bytes, kills it, and returns the claims. */
  private List<long[]> killMidway(String name, RangeServer.Version v1) throws Exception {
    server.put("/" + name, v1);
    server.pace = start -> SLOW;
    HoardProcess first = start("-x", "4", "-k", "256K", server.url("/" + name));
    until("the state claims bytes", first, name, v1.body().length, () -> claimedNow(name) > 0);
    first.kill();
    List<long[]> claims = checkKillPoint(name, v1.body());
    assertTrue(sum(claims) > 0);
    server.pace = start -> RangeServer.Pace.FAST;
    return claims;
  }

  private HoardProcess rerun(String name) throws Exception {
    HoardProcess p = start("-x", "4", "-k", "256K", server.url("/" + name));
    assertEquals(0, p.exitCode(), p.stderr());
    return p;
  }

  @Test
  void restartsWhenTheETagChangedEvenIfTheServerIgnoresIfRange() throws Exception {
    byte[] v1 = bytes(21, 4 * MIB);
    byte[] v2 = bytes(22, 4 * MIB);
    killMidway("etag.bin", new RangeServer.Version(v1, "\"v1\"", null));
    server.put("/etag.bin", new RangeServer.Version(v2, "\"v2\"", null));
    server.ifRange = false;
    HoardProcess p = rerun("etag.bin");
    assertLanded("etag.bin", v2);
    assertTrue(p.stderr().contains("starting over"), p.stderr());
  }

  @Test
  void restartsWhenTheServerAnswersIfRangeWithTheWholeFile() throws Exception {
    byte[] v1 = bytes(23, 4 * MIB);
    byte[] v2 = bytes(24, 4 * MIB);
    String lm1 = "Wed, 21 Oct 2015 07:28:00 GMT";
    killMidway("lm.bin", new RangeServer.Version(v1, null, lm1));
    server.put("/lm.bin", new RangeServer.Version(v2, null, "Thu, 22 Oct 2015 07:28:00 GMT"));
    int mark = server.log().size();
    rerun("lm.bin");
    assertLanded("lm.bin", v2);
    RangeServer.Request probe = since(mark).get(0);
    assertEquals(lm1, probe.ifRange, "the resume must send the old Last-Modified as If-Range");
    assertEquals(200, probe.status);
  }

  @Test
  void restartsWhenTheLengthChangedAndThereAreNoValidators() throws Exception {
    byte[] v1 = bytes(25, 4 * MIB);
    byte[] v2 = bytes(26, 4 * MIB + 12345);
    killMidway("len.bin", new RangeServer.Version(v1, null, null));
    server.put("/len.bin", new RangeServer.Version(v2, null, null));
    rerun("len.bin");
    assertLanded("len.bin", v2);
  }

  @Test
  void restartsWhenTheFileChangesWhilePiecesAreRunning() throws Exception {
    byte[] v1 = bytes(27, 4 * MIB);
    byte[] v2 = bytes(28, 4 * MIB);
    server.put("/live.bin", new RangeServer.Version(v1, "\"v1\"", null));
    // the first piece is slow so a steal asks for a range after the change
    server.pace = start -> start == 0 ? SLOW : new RangeServer.Pace(16 * KIB, 10);
    HoardProcess p = start("-x", "2", "-k", "256K", server.url("/live.bin"));
    until("half the file is served", p, "live.bin", v1.length, () -> server.served() > 2 * MIB);
    server.put("/live.bin", new RangeServer.Version(v2, "\"v2\"", null));
    server.pace = start -> RangeServer.Pace.FAST;
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("live.bin", v2);
  }
}

package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} at chosen moments of a chunked download, then the same command again: the result is byte-identical,
 * the rerun asks only for bytes the state did not claim, and nothing partial ever sits under the final name.
 */
class KillResumeIT extends ResumeHarness {
  private static final String ETAG = "\"v1\"";
  private static final RangeServer.Pace SLOW = new RangeServer.Pace(16 * KIB, 40);

  /** What one kill-and-rerun saw. */
  record Outcome(List<long[]> claims, List<RangeServer.Request> rerun, HoardProcess first, HoardProcess second) {}

  /**
   * Downloads {@code name} with {@code args}, kills the process when {@code killWhen} holds, checks the kill point,
   * reruns the same command on a fast server and checks the result.
   */
  private Outcome killThenRerun(String name, byte[] body, String url, String what, BooleanSupplier killWhen,
      String... args) throws Exception {
    String[] all = append(args, url);
    HoardProcess first = start(all);
    until(what, first, name, body.length, killWhen);
    first.kill();
    List<long[]> claims = checkKillPoint(name, body);
    server.pace = start -> RangeServer.Pace.FAST;
    server.holdAt = -1;
    int mark = server.log().size();
    HoardProcess second = start(all);
    assertEquals(0, second.exitCode(), "rerun failed:\n" + second.stderr());
    assertLanded(name, body);
    List<RangeServer.Request> rerun = since(mark);
    assertAskedOnlyMissing(rerun, claims, body.length, ETAG);
    return new Outcome(claims, rerun, first, second);
  }

  private static String[] append(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  @Test
  void resumesAfterKillBeforeTheFirstByteLands() throws Exception {
    byte[] body = bytes(1, 4 * MIB);
    server.put("/early.bin", new RangeServer.Version(body, ETAG, null));
    server.pace = start -> SLOW;
    killThenRerun("early.bin", body, server.url("/early.bin"), "the state file is written",
        () -> Files.exists(state("early.bin")), "-x", "4", "-k", "256K");
  }

  @Test
  void resumesAfterKillMidPieceWithoutRedownloadingClaimedBytes() throws Exception {
    byte[] body = bytes(2, 4 * MIB);
    server.put("/mid.bin", new RangeServer.Version(body, ETAG, null));
    server.pace = start -> SLOW;
    // credentials in the URL: the state must hide the password, and still match on the rerun
    String url = server.url("/mid.bin").replace("http://", "http://user:s3cret@");
    Outcome o = killThenRerun("mid.bin", body, url, "the state claims bytes while pieces are running",
        () -> claimedNow("mid.bin") > 0 && server.served() > MIB, "-x", "4", "-k", "256K");
    assertTrue(sum(o.claims()) > 0 && sum(o.claims()) < body.length, "claims: " + show(o.claims()));
    assertFalse(o.first().stdout().contains("s3cret") || o.first().stderr().contains("s3cret"), "password shown");
  }

  @Test
  void resumesAfterKillWhileAStolenHalfOfAPieceIsDownloading() throws Exception {
    byte[] body = bytes(3, 4 * MIB);
    server.put("/split.bin", new RangeServer.Version(body, ETAG, null));
    // the first piece crawls, the second races ahead, finishes and takes over half of the first
    server.pace = start -> start == 0 ? new RangeServer.Pace(16 * KIB, 60) : new RangeServer.Pace(16 * KIB, 10);
    long half = body.length / 2;
    killThenRerun("split.bin", body, server.url("/split.bin"), "a stolen half-piece is half-served",
        () -> server.log().stream().anyMatch(r -> r.start != 0 && r.start != half && r.served.get() >= 64 * KIB),
        "-x", "2", "-k", "64K");
  }

  @Test
  void resumesAfterKillWithOnlyTheLastByteMissing() throws Exception {
    byte[] body = bytes(4, 3 * MIB);
    server.put("/last.bin", new RangeServer.Version(body, ETAG, null));
    server.pace = start -> new RangeServer.Pace(64 * KIB, 10);
    server.holdAt = body.length - 1;
    Outcome o = killThenRerun("last.bin", body, server.url("/last.bin"), "the state claims all but the last byte",
        () -> claimedNow("last.bin") == body.length - 1, "-x", "4", "-k", "256K");
    assertEquals(1, o.rerun().size(), "rerun requests: " + o.rerun());
    assertEquals(1, o.rerun().get(0).served.get(), "rerun requests: " + o.rerun());
  }

  @Test
  void killAsTheLastByteLeavesTheServerLeavesNothingPartialBehind() throws Exception {
    byte[] body = bytes(5, 2 * MIB);
    server.put("/end.bin", new RangeServer.Version(body, ETAG, null));
    server.pace = start -> new RangeServer.Pace(32 * KIB, 10);
    // the kill lands around the verify-and-rename: before it, the rerun resumes; after it, the rerun skips
    killThenRerun("end.bin", body, server.url("/end.bin"), "every byte has been served",
        () -> server.served() >= body.length, "-x", "4", "-k", "256K");
  }
}

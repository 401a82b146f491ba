package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeFaults;
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

  /** What one kill-and-rerun saw. */
  record Outcome(List<long[]> claims, List<RangeDispatcher.Logged> rerun, HoardProcess first, HoardProcess second) {}

  /**
   * Downloads {@code name} with {@code args}, kills the process when {@code killWhen} holds, checks the kill point,
   * reruns the same command on a healed server and checks the result.
   */
  private Outcome killThenRerun(String name, byte[] body, String url, String what, BooleanSupplier killWhen,
      String... args) throws Exception {
    String[] all = append(args, url);
    HoardProcess first = start(all);
    until(what, first, name, body.length, killWhen);
    first.kill();
    List<long[]> claims = checkKillPoint(name, body);
    files.clearFaults();
    int mark = files.log().size();
    HoardProcess second = start(all);
    assertEquals(0, second.exitCode(), "rerun failed:\n" + second.stderr());
    assertLanded(name, body);
    List<RangeDispatcher.Logged> rerun = since(mark);
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
    files.file("/early.bin", body, "v1").on(r -> true, RangeFaults.trickle(16 * KIB, 40));
    killThenRerun("early.bin", body, url("/early.bin"), "the state file is written",
        () -> Files.exists(state("early.bin")), "-x", "4", "-k", "256K");
  }

  @Test
  void resumesAfterKillMidPieceWithoutRedownloadingClaimedBytes() throws Exception {
    byte[] body = bytes(2, 4 * MIB);
    files.file("/mid.bin", body, "v1").on(r -> true, RangeFaults.trickle(16 * KIB, 40));
    // credentials in the URL: the state must hide the password, and still match on the rerun
    String url = url("/mid.bin").replace("http://", "http://user:s3cret@");
    Outcome o = killThenRerun("mid.bin", body, url, "the state claims bytes while pieces are running",
        () -> claimedNow("mid.bin") > 0 && files.served() > MIB, "-x", "4", "-k", "256K");
    assertTrue(sum(o.claims()) > 0 && sum(o.claims()) < body.length, "claims: " + show(o.claims()));
    assertFalse(o.first().stdout().contains("s3cret") || o.first().stderr().contains("s3cret"), "password shown");
  }

  @Test
  void resumesAfterKillWhileAStolenHalfOfAPieceIsDownloading() throws Exception {
    byte[] body = bytes(3, 4 * MIB);
    // the first piece crawls, the second races ahead, finishes and takes over half of the first
    files.file("/split.bin", body, "v1")
        .on(r -> r.first() <= 0, RangeFaults.trickle(16 * KIB, 60))
        .on(r -> r.first() > 0, RangeFaults.trickle(16 * KIB, 10));
    long half = body.length / 2;
    killThenRerun("split.bin", body, url("/split.bin"), "a stolen half-piece is half-served",
        () -> files.log().stream().anyMatch(r -> r.start() != 0 && r.start() != half && r.served() >= 64 * KIB),
        "-x", "2", "-k", "64K");
  }

  @Test
  void resumesAfterKillWithOnlyTheLastByteMissing() throws Exception {
    byte[] body = bytes(4, 3 * MIB);
    files.file("/last.bin", body, "v1").on(r -> true, RangeFaults.holdFrom(body.length - 1));
    Outcome o = killThenRerun("last.bin", body, url("/last.bin"), "the state claims all but the last byte",
        () -> claimedNow("last.bin") == body.length - 1, "-x", "4", "-k", "256K");
    assertEquals(1, o.rerun().size(), "rerun requests: " + o.rerun());
    assertEquals(1, o.rerun().get(0).served(), "rerun requests: " + o.rerun());
  }

  @Test
  void killAsTheLastByteLeavesTheServerLeavesNothingPartialBehind() throws Exception {
    byte[] body = bytes(5, 2 * MIB);
    files.file("/end.bin", body, "v1").on(r -> true, RangeFaults.trickle(32 * KIB, 10));
    // the kill lands around the verify-and-rename: before it, the rerun resumes; after it, the rerun skips
    killThenRerun("end.bin", body, url("/end.bin"), "every byte has been served",
        () -> files.served() >= body.length, "-x", "4", "-k", "256K");
  }
}

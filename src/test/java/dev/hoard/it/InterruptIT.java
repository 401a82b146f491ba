package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hoard.testing.RangeFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM or SIGINT in the middle of a download: running pieces write what they have, the state is saved, the
 * process exits 130 within about a second, and the same command completes the file.
 */
class InterruptIT extends ResumeHarness {
  private static final String ETAG = "\"v1\"";
  /** Bytes one connection may have had in flight when the signal came: a few paced chunks. */
  private static final long IN_FLIGHT = 64 * KIB;

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalMidDownloadSavesEveryPieceExits130AndTheRerunCompletes(String signal) throws Exception {
    byte[] body = bytes(31, 6 * MIB);
    files.file("/sig.bin", body, "v1").on(r -> true, RangeFaults.trickle(16 * KIB, 40));
    String url = url("/sig.bin");
    HoardProcess p = start("-x", "4", "-k", "256K", url);
    // before the periodic save's first tick: what the state holds after the signal was saved by the signal
    until("a megabyte is served", p, "sig.bin", body.length, () -> files.served() >= MIB);
    assumeFalse(ignores(p.pid(), signal), "SIG" + signal + " is ignored in this process tree (a background job)");
    long served = files.served();
    long sent = System.nanoTime();
    p.signal(signal);
    assertEquals(130, p.exitCode(Duration.ofSeconds(10)), p.stderr());
    long ms = (System.nanoTime() - sent) / 1_000_000;
    assertTrue(ms < 2_500, "exit took " + ms + " ms after SIG" + signal);

    List<long[]> claims = checkKillPoint("sig.bin", body);
    assertTrue(sum(claims) >= served - 4 * IN_FLIGHT, "the state claims " + sum(claims) + " bytes, but "
        + served + " had been served when the signal came: running pieces did not save what they had");

    files.clearFaults();
    int mark = files.log().size();
    HoardProcess again = start("-x", "4", "-k", "256K", url);
    assertEquals(0, again.exitCode(), again.stderr());
    assertLanded("sig.bin", body);
    assertAskedOnlyMissing(since(mark), claims, body.length, ETAG);
  }

  @org.junit.jupiter.api.Test
  void aSignalWhilePiecesWaitForAnAnswerStillExitsWithinASecondAndSavesTheRest() throws Exception {
    byte[] body = bytes(32, 4 * MIB);
    // only the first piece flows: every other request waits for headers that do not come
    files.file("/mute.bin", body, "v1")
        .on(r -> r.first() > 0, RangeFaults.silent())
        .on(r -> true, RangeFaults.trickle(16 * KIB, 40));
    String url = url("/mute.bin");
    HoardProcess p = start("-x", "4", "-k", "256K", url);
    until("the first piece is flowing", p, "mute.bin", body.length, () -> files.served() >= 256 * KIB);
    long served = files.served();
    long sent = System.nanoTime();
    p.signal("TERM");
    assertEquals(130, p.exitCode(Duration.ofSeconds(10)), p.stderr());
    long ms = (System.nanoTime() - sent) / 1_000_000;
    assertTrue(ms < 2_500, "exit took " + ms + " ms after SIGTERM");
    List<long[]> claims = checkKillPoint("mute.bin", body);
    assertTrue(sum(claims) >= served - IN_FLIGHT, "the state claims " + sum(claims) + " bytes, but "
        + served + " had been served when the signal came");

    files.clearFaults();
    HoardProcess again = start("-x", "4", "-k", "256K", url);
    assertEquals(0, again.exitCode(), again.stderr());
    assertLanded("mute.bin", body);
  }

  @org.junit.jupiter.api.Test
  void aSignalDuringAStalledPlainStreamExitsWithinASecond() throws Exception {
    byte[] body = bytes(33, 2 * MIB);
    files.file("/plain.bin", body, null).ignoringRanges().on(r -> true, RangeFaults.holdFrom(MIB));
    String url = url("/plain.bin");
    HoardProcess p = start(url);
    until("the stream stalls", p, "plain.bin", body.length, () -> files.served() >= MIB);
    long sent = System.nanoTime();
    p.signal("TERM");
    assertEquals(130, p.exitCode(Duration.ofSeconds(10)), p.stderr());
    long ms = (System.nanoTime() - sent) / 1_000_000;
    assertTrue(ms < 2_500, "exit took " + ms + " ms after SIGTERM");
    assertWholeOrAbsent("plain.bin", body.length);

    files.clearFaults();
    HoardProcess again = start(url);
    assertEquals(0, again.exitCode(), again.stderr());
    assertLanded("plain.bin", body);
  }

  @org.junit.jupiter.api.Test
  void aSignalWhilePiecesWaitForTheRateLimitStillExitsWithinASecond() throws Exception {
    byte[] body = bytes(34, 2 * MIB);
    files.file("/slow.bin", body, "v1");
    String url = url("/slow.bin");
    // four 64 KiB reads book 8 s of a 32 KiB/s budget: the pieces spend the run waiting for their turn
    HoardProcess p = start("-x", "4", "-k", "256K", "--limit-rate", "32K", url);
    until("the state file is written", p, "slow.bin", body.length, () -> Files.exists(state("slow.bin")));
    until("some bytes are written", p, "slow.bin", body.length, () -> claimedNow("slow.bin") > 0);
    long sent = System.nanoTime();
    p.signal("TERM");
    assertEquals(130, p.exitCode(Duration.ofSeconds(10)), p.stderr());
    long ms = (System.nanoTime() - sent) / 1_000_000;
    assertTrue(ms < 2_500, "exit took " + ms + " ms after SIGTERM");
    List<long[]> claims = checkKillPoint("slow.bin", body);

    int mark = files.log().size();
    HoardProcess again = start("-x", "4", "-k", "256K", url);
    assertEquals(0, again.exitCode(), again.stderr());
    assertLanded("slow.bin", body);
    assertAskedOnlyMissing(since(mark), claims, body.length, ETAG);
  }

  /** Whether the process ignores the signal (a job started in the background by a non-interactive shell does). */
  static boolean ignores(long pid, String signal) throws Exception {
    int number = signal.equals("INT") ? 2 : 15;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).trim(), 16) >> (number - 1) & 1) == 1;
    }
    return false;
  }
}

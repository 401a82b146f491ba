package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeFaults;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A links file whose line lists three mirrors of one file, one of them dead, run as a real process: the file lands
 * whole from the two that answer, the dead one is named on standard error, and a killed run resumes from the mirrors.
 */
class MirrorsIT extends ResumeHarness {
  private static final String PATH = "/pub/mirrored.bin";
  private final RangeDispatcher other = new RangeDispatcher();
  private MockWebServer otherServer;

  @BeforeEach
  void startOther() throws IOException {
    otherServer = Servers.start(other);
  }

  @AfterEach
  void stopOther() {
    otherServer.close();
  }

  @Test
  void aLineOfThreeMirrorsOneDeadLandsTheFileFromTheOtherTwo() throws Exception {
    byte[] body = bytes(41, 4 * MIB);
    files.file(PATH, body, "a");
    other.file(PATH, body, "c");
    // the first mirror's bodies wait until the other live one has been asked for a piece, so both serve
    CountDownLatch otherAsked = new CountDownLatch(1);
    files.on(r -> true, RangeFaults.holdAfter(64 * KIB, otherAsked));
    other.on(r -> true, RangeFaults.noteArrival(otherAsked));
    String dead = deadUrl();
    String a = url(PATH);
    String c = Servers.url(otherServer, PATH);
    Files.writeString(work.resolve("links.txt"), "# one file, three mirrors\n"
        + a + "\t" + dead + "\t" + c + "\tsha256=" + sha256(body) + "\n");

    HoardProcess p = start("--json", "-q", "-i", "links.txt", "-x", "4", "-k", "256K", "--retries=1");

    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("mirrored.bin", body);
    assertTrue(p.stderr().contains("mirror " + dead + " dropped: connection refused"), p.stderr());
    Map<String, Object> record = JSON.std.mapFrom(p.stdout().lines().findFirst().orElseThrow());
    assertEquals(a, record.get("url"));
    assertEquals("ok", record.get("status"));
    assertTrue(String.valueOf(record.get("path")).endsWith("mirrored.bin"), record.toString());
    assertFalse(files.log().isEmpty() || other.log().isEmpty(), "both live mirrors served: " + files.log() + " / "
        + other.log());
  }

  @Test
  void aKilledMirroredDownloadResumesAskingEachMirrorOnlyForMissingBytesOfItsOwnVersion() throws Exception {
    byte[] body = bytes(42, 4 * MIB);
    files.file(PATH, body, "a").on(r -> true, RangeFaults.trickle(16 * KIB, 60));
    other.file(PATH, body, "c").on(r -> true, RangeFaults.trickle(16 * KIB, 60));
    String a = url(PATH);
    String c = Servers.url(otherServer, PATH);
    Files.writeString(work.resolve("links.txt"), a + " " + deadUrl() + " " + c + "\n");
    String[] args = {"-q", "-i", "links.txt", "-x", "4", "-k", "256K", "--retries=1"};

    HoardProcess first = start(args);
    until("both live mirrors' bytes are claimed", first, "mirrored.bin", body.length,
        () -> claimedNow("mirrored.bin") > 0 && served(files) > 0 && served(other) > 0
            && stateNames(c));
    first.kill();
    List<long[]> claims = checkKillPoint("mirrored.bin", body);
    files.clearFaults();
    other.clearFaults();
    int markA = files.log().size();
    int markC = other.log().size();

    HoardProcess second = start(args);

    assertEquals(0, second.exitCode(), second.stderr());
    assertLanded("mirrored.bin", body);
    assertAskedOnlyMissing(files.log().subList(markA, files.log().size()), claims, body.length, "\"a\"");
    assertAskedOnlyMissing(other.log().subList(markC, other.log().size()), claims, body.length, "\"c\"");
  }

  /** Whether the state file names {@code mirror}'s version: its bytes may then be claimed. */
  private boolean stateNames(String mirror) {
    try {
      return Files.readString(state("mirrored.bin")).contains(mirror);
    } catch (IOException e) {
      return false;
    }
  }

  private static long served(RangeDispatcher server) {
    return server.log().stream().mapToLong(RangeDispatcher.Logged::served).sum();
  }

  /** A URL on a port nothing listens on: its connections are refused. */
  private static String deadUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return "http://127.0.0.1:" + socket.getLocalPort() + PATH;
    }
  }
}

package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeDispatcher.Requested;
import dev.hoard.testing.RangeFaults;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunked path of {@link Download}, end to end through {@code hoard get} against {@link RangeDispatcher}: pieces
 * in parallel, exact bytes, and what happens to a piece when the server or the network misbehaves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChunkedDownloadTest {
  private static final int K = 64 * 1024;

  @TempDir Path dir;
  private final RangeDispatcher files = new RangeDispatcher();
  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = Servers.start(files);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void keepsAtLeastFourRangeRequestsForOneFileInFlightWithEightConnections() throws IOException {
    byte[] data = content(8 * K, 1);
    files.file("/file", data, "v1");
    // every piece request waits in the server until four of them are there at once
    CountDownLatch four = new CountDownLatch(4);
    files.on(Requested::closed, RangeFaults.holdUntilAllArrive(four));

    Hoard.Result run = get(url("/file"), "-x", "8", "-k", "16K");

    assertEquals(0, run.code(), run.err());
    assertEquals(0, four.getCount(), "four piece requests were never in flight at once: " + files.log());
    assertTrue(files.maxInFlight() >= 4, "at most " + files.maxInFlight() + " in flight");
    assertFileHolds("file", data);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, K - 1, K, K + 1, 5 * 1024 * 1024 + 12_345})
  void downloadsExactlyTheServersBytes(int size) throws IOException {
    byte[] data = content(size, size);
    files.file("/file", data, "v1");

    Hoard.Result run = get(url("/file"), "-x", "8", "-k", "64K");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    long pieceRequests = files.requests("/file").stream().filter(Requested::closed).count();
    if (size >= 2 * K) assertTrue(pieceRequests >= 1, "not fetched in pieces: " + files.log());
  }

  @Test
  void fallsBackToOnePlainStreamWhenTheServerIgnoresRanges() throws IOException {
    byte[] data = content(3 * K + 7, 2);
    files.file("/file", data, "v1").ignoringRanges();

    Hoard.Result run = get(url("/file"), "-x", "8", "-k", "16K");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertEquals(1, files.log().size(), "one request, no retries: " + files.log());
  }

  @Test
  void fallsBackToOnePlainStreamWhenOnlyTheOpenProbeIsRanged() throws IOException {
    byte[] data = content(5 * K + 3, 3);
    files.file("/file", data, "v1");
    // ranges the probe (bytes=0-) but answers every closed range with the whole, unchanged file
    files.on(Requested::closed, RangeFaults.wholeFile());

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertTrue(run.err().contains("one plain stream"), run.err());
  }

  @Test
  void continuesAfterAProbeThatAnswersWithLessThanTheFirstPiece() throws IOException {
    byte[] data = content(4 * K, 16);
    files.file("/file", data, "v1").capOpenRanges(1000);

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--retries=0");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertEquals(1, startingAt(1000), "the rest of the first piece is asked for next: " + files.log());
  }

  @Test
  void retriesAPieceWhoseContentRangeIsNotTheRangeAskedFor() throws IOException {
    byte[] data = content(4 * K, 3);
    files.file("/file", data, "v1");
    files.on(r -> r.asks(2 * K, 3 * K), 1, RangeFaults.wrongContentRange(1));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    // an idle connection may take over half of the piece meanwhile: the retry then asks for less, from the same start
    assertEquals(2, startingAt(2 * K), "the piece was asked for again from its start: " + files.log());
  }

  @Test
  void neverWritesTheBytesOfAWrongContentRange() throws IOException {
    byte[] data = content(4 * K, 4);
    files.file("/file", data, "v1");
    files.on(r -> r.closed() && r.first() >= 2 * K && r.first() < 3 * K, RangeFaults.wrongContentRange(1));

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--retries=2");

    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("wrong range"), run.err());
    assertFalse(Files.exists(dir.resolve("file")));
    assertOnlyServerBytesIn(dir.resolve("file.part"), data);
  }

  @Test
  void fallsBackToOnePlainStreamWhenAPieceComesCompressed() throws IOException {
    byte[] data = content(4 * K, 19);
    files.file("/file", data, "v1");
    files.on(r -> r.asks(2 * K, 3 * K), 1, RangeFaults.gzipped());

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertTrue(run.err().contains("one plain stream"), run.err());
    assertEquals(1, startingAt(2 * K), "the compressed piece was not asked for again: " + files.log());
  }

  @Test
  void neverWritesACompressedPieceIntoTheFile() throws IOException {
    byte[] data = content(4 * K, 20);
    files.file("/file", data, "v1");
    files.on(r -> r.closed() && r.first() >= 2 * K && r.first() < 3 * K, RangeFaults.gzipped());

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--retries=2");

    // the documented answer to a compressing server (docs/get.md): one plain stream, and the file is the server's bytes
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("compressed"), run.err());
    assertFileHolds("file", data);
  }

  @Test
  void retriesAResetPieceFromTheLastByteWritten() throws IOException {
    byte[] data = content(4 * K, 5);
    files.file("/file", data, "v1");
    files.on(r -> r.asks(2 * K, 3 * K), 1, RangeFaults.resetAfter(1000));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertEquals(1, asking(2 * K, 3 * K), files.log().toString());
    assertEquals(1, startingAt(2 * K + 1000), "the retry asks only for the missing bytes: " + files.log());
  }

  @Test
  void retriesAStalledPieceAfterTheTimeout() throws IOException {
    byte[] data = content(4 * K, 6);
    files.file("/file", data, "v1");
    files.on(r -> r.asks(2 * K, 3 * K), 1, RangeFaults.stallAfter(2000));

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--timeout=500ms");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertEquals(1, startingAt(2 * K + 2000), "the retry starts after the bytes that came: " + files.log());
  }

  @Test
  void retriesAPieceThatTricklesLessThan1KiBPerTimeout() throws IOException {
    byte[] data = content(4 * K, 14);
    files.file("/file", data, "v1");
    // 64 bytes every 100 ms: about 320 bytes in a 500 ms window
    files.on(r -> r.asks(2 * K, 3 * K), 1, RangeFaults.trickle(64, 100));

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--timeout=500ms");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertTrue(files.requests("/file").stream().anyMatch(r -> r.first() > 2 * K && r.first() < 2 * K + 1024),
        "the retry starts after the trickled bytes: " + files.log());
  }

  @Test
  void retriesAPlainStreamThatTricklesLessThan1KiBPerTimeout() throws IOException {
    byte[] data = content(3 * K, 15);
    files.file("/file", data, "v1").ignoringRanges();
    // 32 bytes every 100 ms: about 640 bytes in a 2 s window; the window is wide, so the healthy second stream, which
    // the count below must not see retried, never meets it even on a busy machine
    files.on(r -> true, 1, RangeFaults.trickle(32, 100));

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--timeout=2s");

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertEquals(2, files.log().size(), files.log().toString());
  }

  @Test
  void failsCleanlyWhenTheServerAlwaysStalls() throws IOException {
    byte[] data = content(4 * K, 7);
    files.file("/file", data, "v1");
    files.on(Requested::ranged, RangeFaults.stallAfter(2000));

    Hoard.Result run = get(url("/file"), "-x", "4", "-k", "16K", "--timeout=500ms", "--retries=1");

    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("timed out"), run.err());
    assertFalse(Files.exists(dir.resolve("file")), "no file under the final name");
    assertTrue(Files.exists(dir.resolve("file.part")), "the part file stays for a later run");
    assertOnlyServerBytesIn(dir.resolve("file.part"), data);
  }

  @ParameterizedTest(name = "server honours If-Range: {0}")
  @ValueSource(booleans = {true, false})
  void startsOverInsteadOfMixingVersionsWhenTheFileChangesBetweenPieces(boolean honoursIfRange) throws IOException {
    byte[] first = content(4 * K, 8);
    byte[] second = content(4 * K, 9);
    files.file("/file", first, "v1");
    if (!honoursIfRange) files.ignoringIfRange();
    // the file changes on the server right after the probe, before the first piece request is answered
    files.on(Requested::closed, 1, RangeFaults.changeTo(second, "v2"));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", second);
    long probes = files.requests("/file").stream().filter(r -> r.ranged() && !r.closed()).count();
    assertEquals(2, probes, "the download started over once: " + files.log());
  }

  @Test
  void startsOverWhenAFileWithoutValidatorsChangesLengthBetweenPieces() throws IOException {
    byte[] first = content(4 * K, 17);
    byte[] second = content(4 * K + 5000, 18);
    files.file("/file", first, null);
    files.on(Requested::closed, 1, RangeFaults.changeTo(second, null));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", second);
  }

  @Test
  void anIdleConnectionTakesOverTheTailOfASlowPiece() throws IOException {
    byte[] data = content(4 * K, 10);
    files.file("/file", data, "v1");
    long slowStart = 2 * K;
    long slowEnd = 3 * K;
    long head = 1000;
    // the slow piece sends its first bytes, then the rest only once another request asks for part of its tail
    CountDownLatch stolen = new CountDownLatch(1);
    files.on(r -> r.closed() && r.first() > slowStart + head && r.first() < slowEnd, RangeFaults.noteArrival(stolen));
    files.on(r -> r.asks(slowStart, slowEnd), 1, RangeFaults.holdAfter(head, stolen));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    assertEquals(1, asking(slowStart, slowEnd), files.log().toString());
    assertTrue(files.requests("/file").stream()
            .anyMatch(r -> r.first() > slowStart + head && r.first() < slowEnd && r.last() == slowEnd - 1),
        "another request fetched the tail of the slow piece: " + files.log());
    assertEquals(0, startingAt(slowStart + head), "the slow piece was split, not retried: " + files.log());
  }

  @Test
  void aOnePieceFileOfAMebibyteHasItsStateOnDiskBeforeItsFirstByte() throws Exception {
    byte[] data = content((1 << 20) + 5, 22);
    files.file("/file", data, "v1");
    CountDownLatch release = new CountDownLatch(1);
    files.on(r -> true, 1, RangeFaults.holdAfter(100, release));
    java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var run = runner.submit(() -> get(url("/file"), "-k", "1M"));
      Path part = dir.resolve("file.part");
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      // waits for a condition, not for time: the first bytes in the part file
      while (!(Files.exists(part) && Files.size(part) > 0)) {
        assertTrue(System.nanoTime() < deadline, "no byte reached the part file");
        Thread.onSpinWait();
      }
      assertTrue(Files.exists(dir.resolve("file.part.state")),
          "a kill now must leave a state with the ETag, so a rerun asks with If-Range");
      release.countDown();
      Hoard.Result done = run.get();
      assertEquals(0, done.code(), done.err());
      assertFileHolds("file", data);
    } finally {
      release.countDown();
      runner.shutdownNow();
    }
  }

  @Test
  void neverOpensMoreThanMaxPerHostConnectionsToOneHost() throws IOException {
    List<String> urls = new ArrayList<>();
    Map<String, byte[]> data = new java.util.LinkedHashMap<>();
    for (String name : List.of("a", "b", "c", "d")) {
      byte[] bytes = content(8 * 16 * 1024, name.charAt(0));
      data.put(name, bytes);
      files.file("/" + name, bytes, name);
      urls.add(url("/" + name));
    }
    // eight pieces of exactly 16K each, and a probe answered with the first piece only: no response is ever cut
    // short by the client, so the server's count of requests in flight never lags behind a closed connection
    files.capOpenRanges(16 * 1024);
    // each response takes ~40 ms, so a client that would open a fourth connection has time to show it
    files.throttle(4 * 1024, 10);
    CountDownLatch three = new CountDownLatch(3);
    files.on(r -> true, RangeFaults.holdUntilAllArrive(three));

    List<String> args = new ArrayList<>(urls);
    args.addAll(List.of("-j", "4", "-x", "8", "-k", "16K", "--max-per-host", "3"));
    Hoard.Result run = get(args.toArray(String[]::new));

    assertEquals(0, run.code(), run.err());
    for (Map.Entry<String, byte[]> e : data.entrySet()) assertFileHolds(e.getKey(), e.getValue());
    assertEquals(0, three.getCount(), "three requests were never in flight at once");
    assertEquals(3, files.maxInFlight(), "requests in flight at once, with --max-per-host 3");
  }

  @Test
  void retriesAPieceAnsweredWithAServerErrorAlone() throws IOException {
    byte[] data = content(4 * K, 11);
    files.file("/file", data, "v1");
    files.on(r -> r.asks(2 * K, 3 * K), 1, RangeFaults.errorPage(503));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    Map<Long, Long> starts = files.requests("/file").stream()
        .collect(Collectors.groupingBy(Requested::first, Collectors.counting()));
    starts.values().removeIf(n -> n == 1);
    assertEquals(Map.of((long) 2 * K, 2L), starts, "only that piece is asked for twice: " + files.log());
  }

  @Test
  void neverWritesAnErrorPageIntoTheFile() throws IOException {
    byte[] data = content(4 * K, 12);
    files.file("/file", data, "v1");
    files.on(r -> r.closed() && r.first() >= 2 * K && r.first() < 3 * K, RangeFaults.errorPage(404));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("404"), run.err());
    assertFalse(Files.exists(dir.resolve("file")));
    assertOnlyServerBytesIn(dir.resolve("file.part"), data);
    String part = new String(Files.readAllBytes(dir.resolve("file.part")), StandardCharsets.ISO_8859_1);
    assertFalse(part.contains("ERROR PAGE"));
  }

  @Test
  void followsARedirectForEachPiece() throws IOException {
    byte[] data = content(4 * K, 13);
    files.file("/file", data, "v1").file("/mirror/file", data, "v1");
    files.on(r -> r.path().equals("/file") && r.closed(), RangeFaults.redirectTo("/mirror/file"));

    Hoard.Result run = getInFourPieces(url("/file"));

    assertEquals(0, run.code(), run.err());
    assertFileHolds("file", data);
    List<Requested> mirrored = files.requests("/mirror/file");
    assertTrue(mirrored.size() >= 3, "the pieces reached the redirect's target: " + files.log());
    for (Requested r : mirrored) {
      assertTrue(r.closed(), "the Range header went along: " + r);
      assertEquals("\"v1\"", r.ifRange(), "the If-Range header went along: " + r);
    }
  }

  /** {@code hoard get} quietly into the temp folder with fast retries; {@code args} come last and may override. */
  @Test
  void aLocalFailureStopsTheRunWithExit3AndTheDownloadItStoppedIsReportedFailed() throws IOException {
    files.file("/file", content(8 * K, 7), "v1");
    // the resume state cannot be written: its temporary name is taken by a folder that is not empty
    Files.createDirectories(dir.resolve("file.part.state.tmp").resolve("in-the-way"));

    Hoard.Result run = get("--json", url("/file"), "-x", "4", "-k", "16K");

    assertEquals(3, run.code(), run.err());
    Map<String, Object> record = run.record("/file");
    assertEquals("failed", record.get("status"));
    assertTrue(((String) record.get("error")).contains("cannot write the resume state"), run.out());
    assertEquals(206, record.get("http"), "the record says how far it got: the server had answered");
    assertEquals(1, run.summary().get("failed"), "counted: " + run.out());
    assertEquals(1, run.err().lines().filter(l -> l.contains("cannot write the resume state")).count(),
        "said once: " + run.err());
  }

  private Hoard.Result get(String... args) {
    List<String> all = new ArrayList<>(List.of("-q"));
    if (List.of(args).stream().noneMatch(a -> a.startsWith("--timeout"))) all.add("--timeout=10s");
    all.addAll(List.of(args));
    return Hoard.get(dir, all.toArray(String[]::new));
  }

  /** With {@code -x 4 -k 16K}, a file of {@code 4 * K} bytes is planned as four pieces of {@code K} bytes. */
  private Hoard.Result getInFourPieces(String url) {
    return get(url, "-x", "4", "-k", "16K");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private long asking(long start, long end) {
    return files.requests("/file").stream().filter(r -> r.asks(start, end)).count();
  }

  private long startingAt(long first) {
    return files.requests("/file").stream().filter(r -> r.first() == first).count();
  }

  private void assertFileHolds(String name, byte[] expected) throws IOException {
    Path file = dir.resolve(name);
    assertTrue(Files.exists(file), "no " + name + " among " + listing());
    byte[] actual = Files.readAllBytes(file);
    assertEquals(expected.length, actual.length, name + " length");
    assertEquals(sha256(expected), sha256(actual), name + " bytes");
    assertFalse(Files.exists(dir.resolve(name + ".part")), name + ".part left behind");
    assertFalse(Files.exists(dir.resolve(name + ".part.state")), name + ".part.state left behind");
  }

  /** Every byte of the part file is either not written yet (0) or the server's byte at that offset. */
  private static void assertOnlyServerBytesIn(Path part, byte[] data) throws IOException {
    byte[] bytes = Files.readAllBytes(part);
    assertTrue(bytes.length <= data.length, "part file longer than the file: " + bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != 0 && bytes[i] != data[i]) {
        throw new AssertionError("byte " + i + " of the part file is " + (bytes[i] & 0xff) + ", the server's is "
            + (data[i] & 0xff));
      }
    }
  }

  private String listing() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(", "));
    }
  }

  private static byte[] content(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.cli.Interrupt;
import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeDispatcher.Requested;
import dev.hoard.testing.RangeFaults;
import dev.hoard.testing.RawServer;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A links-file line of several URLs of one file, end to end through {@code hoard get} against three
 * {@link RangeDispatcher}s: pieces come from every mirror, the fast ones take over the slow one's work, a dead mirror
 * and one with another size are dropped with a message, and a resume asks each mirror for its own version.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MirroredDownloadTest {
  private static final int K = 64 * 1024;
  private static final String PATH = "/pub/file.bin";

  @TempDir Path work;
  private final List<MockWebServer> started = new ArrayList<>();
  private final RangeDispatcher a = new RangeDispatcher();
  private final RangeDispatcher b = new RangeDispatcher();
  private final RangeDispatcher c = new RangeDispatcher();

  @AfterEach
  void stopServers() {
    started.forEach(MockWebServer::close);
  }

  @Test
  void fastMirrorsTakeOverTheSlowMirrorsPieceAndServeMostOfTheFile() throws IOException {
    byte[] data = content(32 * K, 1);
    String urlA = serve(a, data, "a");
    String urlB = serve(b, data, "b");
    String urlC = serve(c, data, "c");
    long minChunk = K;
    // no body flows until the slow mirror has its piece; then it holds that piece until the fast mirrors have been
    // asked for all of it but what no connection may take over (less than two -k)
    CountDownLatch slowAsked = new CountDownLatch(1);
    CountDownLatch takenOver = new CountDownLatch(1);
    AtomicBoolean byTakeOver = new AtomicBoolean();
    Runnable check = () -> {
      if (fastAskedForAllOfTheSlowPieceBut(2 * minChunk)) {
        byTakeOver.set(true);
        takenOver.countDown();
      }
    };
    RangeDispatcher.Fault fast = (r, server) -> {
      check.run();
      return RangeFaults.holdAfter(K / 4, slowAsked).answer(r, server);
    };
    a.on(r -> true, fast);
    b.on(r -> true, fast);
    c.on(r -> true, (r, server) -> {
      slowAsked.countDown();
      check.run();
      return RangeFaults.holdAfter(0, takenOver).answer(r, server);
    });

    Hoard.Result run = get(line(urlA, urlB, urlC), "-x", "3", "-k", "64K");

    run.exits(0);
    assertFileHolds("file.bin", data);
    assertEquals("", run.err(), "no mirror was dropped, nothing was retried");
    // proven by the request logs, whatever the speeds: the slow mirror was given a whole piece, a quarter of the file
    // or more, and the fast mirrors were asked for every byte of it but less than two -k, before it sent one byte
    Requested slowPiece = c.log().get(0).request();
    assertTrue(slowPiece.last() + 1 - slowPiece.first() >= data.length / 4, "the slow mirror's piece: " + logs());
    assertTrue(byTakeOver.get(), "the fast mirrors never took over the slow one's piece: " + logs());
    // each mirror was asked for its own version of the file, never another mirror's
    assertIfRangeOnlyOwn(a, "a");
    assertIfRangeOnlyOwn(b, "b");
    assertIfRangeOnlyOwn(c, "c");
    assertEquals(urlA, run.records().get(0).get("url"));
  }

  @Test
  void aDeadMirrorAndOneWithAnotherSizeAreDroppedAndTheRestServesTheFile() throws IOException {
    byte[] data = content(16 * K, 2);
    String dead = deadUrl();
    String urlB = serve(b, data, "b");
    String urlC = serve(c, content(16 * K + 1, 3), "c");
    // the good mirror's bodies wait until the other one has been asked for a piece, so it surely is
    CountDownLatch cAsked = new CountDownLatch(1);
    b.on(r -> true, RangeFaults.holdAfter(K / 4, cAsked));
    c.on(r -> true, RangeFaults.noteArrival(cAsked));

    Hoard.Result run = get(line(dead, urlB, urlC), "-x", "2", "-k", "64K");

    run.exits(0);
    assertFileHolds("file.bin", data);
    run.errContains("mirror " + dead + " dropped: connection refused",
        "mirror " + urlC + " dropped: server copy changed (length " + data.length + " became " + (data.length + 1));
    assertFalse(run.err().contains(dead + ": connection refused; attempt"),
        "a mirror that refuses, while others are left, is dropped without retries:\n" + run.err());
    assertEquals(1, c.log().size(), "a mirror of another size is not asked again: " + logs());
    Map<String, Object> record = run.records().get(0);
    assertEquals(dead, record.get("url"), "the download is reported under its first URL");
    assertEquals("ok", record.get("status"));
    assertEquals(206, record.get("http"), "the file landed: the status of the answers that served it");
  }

  @Test
  void maxPerHostStillCapsEachMirrorsHost() throws IOException {
    byte[] data = content(16 * K, 8);
    String urlA = serve(a, data, "a");
    String urlB = serve(b, data, "b");
    // eight pieces of exactly 128 KiB, none to split, and a probe answered with the first piece only: no response is
    // ever left by the client before its end, to go on being written and count as a second request in flight
    a.capOpenRanges(2 * K);
    CountDownLatch bAsked = new CountDownLatch(1);
    a.on(r -> true, RangeFaults.holdAfter(K / 4, bAsked));
    b.on(r -> true, RangeFaults.noteArrival(bAsked));

    Hoard.Result run = get(line(urlA, urlB), "-x", "8", "-k", "128K", "--max-per-host=1");

    run.exits(0);
    assertFileHolds("file.bin", data);
    assertEquals(1, a.maxInFlight(), "requests in flight at once on one mirror's host: " + logs());
    assertEquals(1, b.maxInFlight(), "requests in flight at once on the other's: " + logs());
  }

  @Test
  void whenEveryMirrorFailsTheErrorNamesEachMirrorWithItsOwnReason() throws IOException {
    try (RawServer missing = RawServer.answering("HTTP/1.1 404 Not Found")) {
      String gone = missing.url(PATH);
      String dead = deadUrl();

      // the last mirror left is retried, even when it refuses: no retries keeps the test quick
      Hoard.Result run = get(line(gone, dead), "-x", "2", "--retries=0");

      run.exits(1);
      run.errContains("mirror " + gone + " dropped: 404 Not Found",
          gone + ": all 2 mirrors failed: " + gone + ": 404 Not Found; " + dead + ": connection refused");
      Map<String, Object> record = run.records().get(0);
      assertEquals(gone, record.get("url"));
      assertEquals("failed", record.get("status"));
      assertEquals("all 2 mirrors failed: " + gone + ": 404 Not Found; " + dead + ": connection refused",
          record.get("error"));
      assertEquals(404, record.get("http"), "the first URL's own answer");
      assertFalse(Files.exists(work.resolve("dl/file.bin")));
    }
  }

  @Test
  void aFirstUrlThatGaveNoAnswerIsNotBlamedForTheLastMirrorsStatus() throws IOException {
    try (RawServer missing = RawServer.answering("HTTP/1.1 404 Not Found")) {
      String dead = deadUrl();
      String gone = missing.url(PATH);

      Hoard.Result run = get(line(dead, gone), "-x", "2");

      run.exits(1);
      Map<String, Object> record = run.records().get(0);
      assertEquals(dead, record.get("url"));
      assertEquals("all 2 mirrors failed: " + dead + ": connection refused; " + gone + ": 404 Not Found",
          record.get("error"));
      assertEquals(0, record.get("http"), "the first URL refused the connection: it answered no status");
    }
  }

  @Test
  void theMirrorsOfAFailureAreShownWithoutPasswordsAndTheirServersWordsPrintable() throws IOException {
    try (RawServer hostile = RawServer.answering("HTTP/1.1 404 Nope\u001b[2J")) {
      String dead = deadUrl().replace("http://", "http://user:secret@");
      String odd = hostile.url(PATH);

      Hoard.Result run = get(line(dead, odd), "-x", "2");

      run.exits(1).printable();
      String shownDead = dead.replace("user:secret@", "user:***@");
      assertEquals("all 2 mirrors failed: " + shownDead + ": connection refused; " + odd + ": 404 Nope\\x1b[2J",
          run.records().get(0).get("error"));
      assertFalse(run.out().contains("secret") || run.err().contains("secret"), run.out() + run.err());
    }
  }

  @Test
  void aMirrorThatServesNoRangesIsDroppedWhileAnotherDoes() throws IOException {
    byte[] data = content(16 * K, 4);
    String whole = serve(a, data, "a");
    a.ignoringRanges();
    String urlB = serve(b, data, "b");

    Hoard.Result run = get(line(whole, urlB), "-x", "4", "-k", "64K");

    run.exits(0);
    assertFileHolds("file.bin", data);
    run.errContains("mirror " + whole + " dropped: it serves no byte ranges");
    assertEquals(1, a.log().size(), logs());
    assertTrue(b.log().size() >= 2, "the file came in pieces from the mirror that ranges: " + logs());
  }

  @Test
  void theLastMirrorLeftServesTheFileWholeWhenItServesNoRanges() throws IOException {
    byte[] data = content(16 * K, 5);
    String dead = deadUrl();
    String whole = serve(b, data, "b");
    b.ignoringRanges();

    Hoard.Result run = get(line(dead, whole), "-x", "4", "-k", "64K");

    run.exits(0);
    assertFileHolds("file.bin", data);
    assertEquals(1, b.log().size(), "one plain stream: " + logs());
  }

  @Test
  void aResumeAsksEachMirrorForItsOwnVersionAndDropsOneWhoseCopyChanged() throws Exception {
    byte[] data = content(32 * K, 6);
    String urlA = serve(a, data, "a");
    String urlB = serve(b, data, "b");
    String urlC = serve(c, data, "c2");
    int half = data.length / 2;
    // what an earlier run left: the first half, and the version each mirror served then (c's has changed since)
    Path dl = Files.createDirectories(work.resolve("dl"));
    byte[] part = new byte[half];
    System.arraycopy(data, 0, part, 0, half);
    Files.write(dl.resolve("file.bin.part"), part);
    Files.writeString(dl.resolve("file.bin.part.state"), JSON.std.asString(Map.of("hoard", 1, "url", urlA,
        "length", data.length, "etag", "\"a\"", "done", List.of(List.of(0, half)),
        "mirrors", List.of(Map.of("url", urlB, "etag", "\"b\""), Map.of("url", urlC, "etag", "\"c1\"")))));
    CountDownLatch cAsked = new CountDownLatch(1);
    a.on(r -> true, RangeFaults.holdAfter(K / 4, cAsked));
    b.on(r -> true, RangeFaults.holdAfter(K / 4, cAsked));
    c.on(r -> true, RangeFaults.noteArrival(cAsked));

    Hoard.Result run = get(line(urlA, urlB, urlC), "-x", "3", "-k", "64K");

    run.exits(0);
    assertFileHolds("file.bin", data);
    run.errContains("resuming", "mirror " + urlC + " dropped: server copy changed");
    for (RangeDispatcher server : List.of(a, b, c)) {
      for (RangeDispatcher.Logged l : server.log()) {
        assertTrue(l.request().first() >= half, "asked for bytes already on disk: " + logs());
      }
    }
    assertIfRangeOnlyOwn(a, "a");
    assertIfRangeOnlyOwn(b, "b");
    assertEquals(List.of("\"c1\""), c.log().stream().map(l -> l.request().ifRange()).toList(),
        "the changed mirror was asked once, for the version on disk: " + logs());
  }

  @Test
  void anInterruptedMirroredDownloadResumesFromItsMirrors() throws Exception {
    byte[] data = content(64 * K, 7);
    String urlA = serve(a, data, "a");
    String urlB = serve(b, data, "b");
    String urlC = serve(c, data, "c");
    // every body stops after a quarter of a chunk until the servers heal: the run is interrupted meanwhile
    for (RangeDispatcher d : List.of(a, b, c)) d.on(r -> true, RangeFaults.stallAfter(K / 4));
    Path state = work.resolve("dl/file.bin.part.state");
    Interrupt interrupt = new Interrupt();
    String links = links(line(urlA, urlB, urlC)).toString();
    CompletableFuture<Hoard.Result> first = CompletableFuture.supplyAsync(() -> Hoard.with().interrupt(interrupt)
        .get(work.resolve("dl"), "-q", "--json", "-i", links, "-x", "3", "-k", "64K"));
    // the state names bytes of all three mirrors once each has served some: the state saver ticks each second
    until(() -> claimed(state) >= 3 * (K / 4), first);
    interrupt.raise();
    first.get(30, TimeUnit.SECONDS).exits(130);
    Map<String, Object> saved = JSON.std.mapFrom(Files.readString(state));
    assertEquals("\"a\"", saved.get("etag"));
    assertEquals(List.of(Map.of("url", urlB, "etag", "\"b\""), Map.of("url", urlC, "etag", "\"c\"")),
        saved.get("mirrors"), "the state remembers each mirror's version");
    int mark = a.log().size() + b.log().size() + c.log().size();
    for (RangeDispatcher d : List.of(a, b, c)) d.clearFaults();

    Hoard.Result rerun = get(line(urlA, urlB, urlC), "-x", "3", "-k", "64K");

    rerun.exits(0);
    assertFileHolds("file.bin", data);
    assertIfRangeOnlyOwn(a, "a");
    assertIfRangeOnlyOwn(b, "b");
    assertIfRangeOnlyOwn(c, "c");
    assertTrue(a.log().size() + b.log().size() + c.log().size() > mark, "the rerun asked the mirrors again");
  }

  // ---- the servers ----

  /** Serves {@code data} (none: 404) at {@link #PATH} with ETag {@code "etag"}; returns its URL. */
  private String serve(RangeDispatcher server, byte[] data, String etag) throws IOException {
    if (data != null) server.file(PATH, data, etag);
    MockWebServer s = Servers.start(server);
    started.add(s);
    return Servers.url(s, PATH);
  }

  /** A URL on a port nothing listens on: its connections are refused. */
  private static String deadUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + PATH;
  }

  /** Whether the fast mirrors (a, b) were asked for every byte of the slow one's (c's) piece but its first {@code keep}. */
  private boolean fastAskedForAllOfTheSlowPieceBut(long keep) {
    List<Requested> slow = c.log().stream().map(RangeDispatcher.Logged::request).filter(Requested::closed).toList();
    if (slow.isEmpty()) return false;
    long from = slow.get(0).first() + keep;
    long to = slow.get(0).last() + 1;
    List<Requested> fast = new ArrayList<>();
    for (RangeDispatcher d : List.of(a, b)) {
      d.log().stream().map(RangeDispatcher.Logged::request).filter(Requested::closed).forEach(fast::add);
    }
    fast.sort(Comparator.comparingLong(Requested::first));
    long at = from;
    for (Requested r : fast) if (r.first() <= at) at = Math.max(at, r.last() + 1);
    return at >= to;
  }

  private static void assertIfRangeOnlyOwn(RangeDispatcher server, String etag) {
    for (RangeDispatcher.Logged l : server.log()) {
      String ifRange = l.request().ifRange();
      assertTrue(ifRange == null || ifRange.equals("\"" + etag + "\""), "If-Range of another mirror: " + l);
    }
  }

  private String logs() {
    return "\na: " + a.log() + "\nb: " + b.log() + "\nc: " + c.log();
  }

  // ---- the run ----

  private static String line(String... urls) {
    return String.join("\t", urls);
  }

  private Path links(String line) throws IOException {
    return Files.writeString(work.resolve("links.txt"), line + "\n", StandardCharsets.UTF_8);
  }

  /** {@code hoard get --json} of a links file holding {@code line}, into {@code work/dl}. */
  private Hoard.Result get(String line, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("-q", "--json", "--timeout=10s", "-i", links(line).toString()));
    all.addAll(List.of(args));
    return Hoard.get(work.resolve("dl"), all.toArray(String[]::new));
  }

  /** Waits until {@code condition} holds, failing if the run ends first. */
  private static void until(java.util.function.BooleanSupplier condition, CompletableFuture<Hoard.Result> run)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (run.isDone()) throw new AssertionError("the run ended first: " + run.join().err());
      if (System.nanoTime() > deadline) throw new AssertionError("condition never held");
      Thread.sleep(20);
    }
  }

  /** The bytes the state file claims, 0 while it is missing or being replaced. */
  private static long claimed(Path state) {
    try {
      Map<String, Object> m = JSON.std.mapFrom(Files.readString(state));
      long n = 0;
      for (Object o : (List<?>) m.get("done")) {
        List<?> r = (List<?>) o;
        n += ((Number) r.get(1)).longValue() - ((Number) r.get(0)).longValue();
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private void assertFileHolds(String name, byte[] expected) throws IOException {
    Path file = work.resolve("dl").resolve(name);
    assertTrue(Files.exists(file), "no " + name);
    assertEquals(sha256(expected), sha256(Files.readAllBytes(file)), name + " bytes");
    assertFalse(Files.exists(work.resolve("dl").resolve(name + ".part")), name + ".part left behind");
  }

  private static byte[] content(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

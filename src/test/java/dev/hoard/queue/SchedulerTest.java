package dev.hoard.queue;

import dev.hoard.testing.ServedFolderTest;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.status;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.cli.Cli;
import dev.hoard.cli.Interrupt;
import dev.hoard.testing.Hoard;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest extends ServedFolderTest {
  @Test
  void aNotFoundAmongGoodLinksFailsOnlyItselfAndTheRunExitsOne() throws Exception {
    routes.on("/a.txt", ok("alpha")).on("/b.txt", ok("bravo")).on("/gone.txt", status(404, "Not Found"))
        .on("/c.txt", ok("charlie"));
    Path list = Files.writeString(tmp.resolve("links.txt"), String.join("\n",
        url(server, "/a.txt"), url(server, "/gone.txt"), url(server, "/b.txt"), url(server, "/c.txt")) + "\n");

    Hoard.get(dir, "-i", list.toString()).exits(1).errContains(url(server, "/gone.txt"), "404 Not Found");

    assertEquals("alpha", Files.readString(dir.resolve("a.txt")));
    assertEquals("bravo", Files.readString(dir.resolve("b.txt")));
    assertEquals("charlie", Files.readString(dir.resolve("c.txt")));
    assertFalse(Files.exists(dir.resolve("gone.txt")));
    assertFalse(Files.exists(dir.resolve("gone.txt.part")));
  }

  @Test
  void aDuplicateUrlIsDownloadedOnce() throws Exception {
    routes.on("/a.txt", ok("alpha"));
    String a = url(server, "/a.txt");

    var run = Hoard.get(dir, "--json", a, a, a).exits(0);

    assertEquals(1, run.records().size(), run.out());
    assertEquals(1, routes.requests("/a.txt").size());
    assertEquals("alpha", Files.readString(dir.resolve("a.txt")));
  }

  @Test
  void downloadsStartBeforeTheLinksFileEnds() throws Exception {
    CountDownLatch firstAsked = new CountDownLatch(1);
    routes.on("/first.txt", request -> {
      firstAsked.countDown();
      return ok("one");
    }).on("/second.txt", ok("two"));
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed);
    feed.write((url(server, "/first.txt") + "\n").getBytes(StandardCharsets.UTF_8));
    feed.flush();

    ExecutorService hoard = Executors.newSingleThreadExecutor();
    try {
      Future<Hoard.Result> run = hoard.submit(() -> Hoard.get(stdin, dir, "-i", "-"));
      // the second line is written only once the first download has reached the server
      assertTrue(firstAsked.await(30, TimeUnit.SECONDS), "the first URL was not fetched before the list ended");
      feed.write((url(server, "/second.txt") + "\n").getBytes(StandardCharsets.UTF_8));
      feed.close();

      run.get(30, TimeUnit.SECONDS).exits(0);
    } finally {
      hoard.shutdownNow();
    }
    assertEquals("one", Files.readString(dir.resolve("first.txt")));
    assertEquals("two", Files.readString(dir.resolve("second.txt")));
  }

  @Test
  void aRunWhoseBookkeepingExhaustsTheHeapStopsWithItsSummaryAndExit3() throws Exception {
    routes.on("/first.txt", ok("one"));
    byte[] line = (url(server, "/first.txt") + "\n").getBytes(StandardCharsets.UTF_8);

    var run = Hoard.get(failingAfter(line), dir, "--progress=plain", "-i", "-").exits(3);

    assertTrue(lastLine(run.out()).startsWith("stopped: out of memory (a larger heap helps: HOARD_JAVA_OPTS=-Xmx"),
        run.out());
    var quiet = Hoard.get(failingAfter(line), dir, "-q", "-i", "-").exits(3);
    assertTrue(quiet.err().contains("hoard: out of memory (a larger heap helps"), "-q hid the error: " + quiet.err());
  }

  /** A list whose read after {@code bytes} fails, as the main thread's allocations do when a list outgrows the heap. */
  private static InputStream failingAfter(byte[] bytes) {
    return new InputStream() {
      private int at;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at == bytes.length) throw new OutOfMemoryError("Java heap space");
        int n = Math.min(len, bytes.length - at);
        System.arraycopy(bytes, at, b, off, n);
        at += n;
        return n;
      }
    };
  }

  @Test
  void theSummaryKeepsFilesAlreadyThereApartFromBytesDownloadedNow() throws Exception {
    routes.on("/a.txt", ok("alpha")).on("/b.txt", ok("bravo!"));
    String a = url(server, "/a.txt");
    String b = url(server, "/b.txt");
    Hoard.get(dir, a).exits(0);

    var rerun = Hoard.get(dir, "--progress=plain", a, b).exits(0);

    assertEquals("1 ok, 1 skipped (5 B already there), 0 failed; 6 B downloaded in",
        lastLine(rerun.out()).replaceFirst(" [0-9.]+ s$", ""), rerun.out());
  }

  @Test
  void aFailedRowNamesTheUrlWhenNothingLandedAndTheSummaryCountsBadLines() throws Exception {
    routes.on("/gone.txt", status(404, "Not Found"));
    Path list = Files.writeString(tmp.resolve("links.txt"), url(server, "/gone.txt") + "\nnot a url\n");

    var run = Hoard.get(dir, "--progress=plain", "-i", list.toString()).exits(1);

    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).matches("failed +0 B +\\d+ms  \\Q" + url(server, "/gone.txt") + "\\E"), run.out());
    assertTrue(lastLine(run.out()).startsWith("0 ok, 0 skipped, 1 failed, 1 bad line; 0 B downloaded in "), run.out());
    assertFalse(run.out().contains(dir.toString()), run.out());
  }

  @Test
  void afterAnInterruptTheSummarySaysWhatWasCutShortAndHowToResume() throws Exception {
    Interrupt interrupt = new Interrupt();
    // the signal comes while the first download waits for its answer; the second is never started
    routes.on("/first.bin", request -> {
      interrupt.raise();
      return ok("too late");
    }).on("/second.bin", ok("never"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), InputStream.nullInputStream(), interrupt,
        false, Map.of(), "get", "-d", dir.toString(), "-j", "1", "--json", url(server, "/first.bin"),
        url(server, "/second.bin"));

    assertEquals(130, code, err.toString());
    var run = new Hoard.Result(code, out.toString(), err.toString());
    assertEquals("interrupted", run.record("/first.bin").get("error"));
    assertEquals("failed", run.record("/first.bin").get("status"));
    assertEquals(1, ((Number) run.summary().get("failed")).intValue());
    assertTrue(routes.requests("/second.bin").isEmpty(), "a download started after the interrupt");

    StringWriter plainOut = new StringWriter();
    Interrupt again = new Interrupt();
    routes.on("/first.bin", request -> {
      again.raise();
      return ok("too late");
    });
    Cli.run(new PrintWriter(plainOut, true), new PrintWriter(new StringWriter(), true), InputStream.nullInputStream(),
        again, false, Map.of(), "get", "-d", dir.toString(), "-j", "1", "--progress=plain", url(server, "/first.bin"));
    assertEquals("interrupted: 1 download cut short; run the same command to resume it", lastLine(plainOut.toString()),
        plainOut.toString());
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}

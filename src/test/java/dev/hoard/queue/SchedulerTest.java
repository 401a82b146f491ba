package dev.hoard.queue;

import dev.hoard.testing.ServedFolderTest;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.status;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

package dev.hoard.queue;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import dev.hoard.testing.ServedFolderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A robots.txt that never comes holds up only its own host's links, and then counts as none. */
class SlowRobotsTest extends ServedFolderTest {
  @Test
  void aTrickledRobotsTxtStallsAloneAndItsHostIsCrawledAsIfItHadNone() throws Exception {
    try (RawServer slow = new RawServer((request, out) -> {
      if (request.startsWith("GET /robots.txt")) {
        RawServer.trickle(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "#".repeat(100_000), 200);
      } else {
        RawServer.send(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow".getBytes());
      }
    })) {
      routes.on("/", new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
          .body("<a href='/a.txt'>a</a> <a href='" + slow.url("/b.txt") + "'>b</a>").build())
          .on("/a.txt", ok("fast"))
          .on("/robots.txt", ok("User-agent: *\nAllow: /\n"));

      var run = Hoard.get(dir, "-r", "--span-hosts", "--timeout=1s", "--retries=0", url(server, "/")).exits(0);

      Path mirror = dir.resolve("127.0.0.1:" + server.getPort());
      assertEquals("fast", Files.readString(mirror.resolve("a.txt")));
      assertEquals("slow", Files.readString(dir.resolve(Path.of(java.net.URI.create(slow.url("/")).getAuthority()))
          .resolve("b.txt")));
      assertTrue(run.err().contains(slow.url("/robots.txt") + ": cannot be read (stalled"), run.err());
    }
  }

  /**
   * A robots.txt that never ends, sent fast enough never to stall: its first 500 KiB are read and the connection is
   * dropped, not drained to an end that never comes (the guard fails the test when it is).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anEndlessRobotsTxtIsReadToItsCapAndDropped() throws Exception {
    byte[] chunk = ("800\r\n" + "#".repeat(0x800 - 1) + "\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (RawServer endless = new RawServer((request, out) -> {
      if (request.startsWith("GET /robots.txt")) {
        RawServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes());
        while (true) RawServer.send(out, chunk);
      } else if (request.startsWith("GET / ")) {
        RawServer.send(out, ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 23\r\n"
            + "Connection: close\r\n\r\n<a href='/b.txt'>b</a>\n").getBytes());
      } else {
        RawServer.send(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlast".getBytes());
      }
    })) {
      Hoard.get(dir, "-r", "--timeout=5s", "--retries=0", endless.url("/")).exits(0);

      Path mirror = dir.resolve(java.net.URI.create(endless.url("/")).getAuthority());
      assertEquals("last", Files.readString(mirror.resolve("b.txt")));
    }
  }
}

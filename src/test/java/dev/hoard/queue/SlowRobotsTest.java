package dev.hoard.queue;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import dev.hoard.testing.ServedFolderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

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
}

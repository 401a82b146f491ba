package dev.hoard.fetch;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stall rule covers a response's head as well as its body, through every socket the client opens. */
class WatchedSocketTest {
  @TempDir Path dir;

  @Test
  void aStatusLineAndHeadersTrickledAByteAtATimeStall() throws Exception {
    String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Padding: " + "x".repeat(200) + "\r\n\r\nhello";
    try (RawServer server = new RawServer((request, out) -> RawServer.trickle(out, head, 20))) {
      Hoard.get(dir, "--timeout=1s", "--retries=0", server.url("/f")).exits(1).errContains("stalled");
    }
  }

  @Test
  void endlessInterimAnswersStall() throws Exception {
    try (RawServer server = new RawServer((request, out) -> {
      while (true) RawServer.trickle(out, "HTTP/1.1 100 Continue\r\n\r\n", 4);
    })) {
      Hoard.get(dir, "--timeout=1s", "--retries=0", server.url("/f")).exits(1).errContains("stalled");
    }
  }
}

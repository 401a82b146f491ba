package dev.hoard.fetch;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  /**
   * Interim answers sent as fast as the socket takes them bring far more than 1 KiB a window, yet never the file: the
   * request is stalled once they alone filled a whole --timeout. Without that rule the run never ends: the guard fails the test instead.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void endlessInterimAnswersStallEvenWhenSentFast() throws Exception {
    byte[] interim = ("HTTP/1.1 102 Processing\r\nX-Padding: " + "x".repeat(2000) + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    try (RawServer server = new RawServer((request, out) -> {
      while (true) RawServer.send(out, interim);
    })) {
      Hoard.get(dir, "--timeout=1s", "--retries=0", server.url("/f")).exits(1).errContains("stalled: only interim");
    }
  }
}

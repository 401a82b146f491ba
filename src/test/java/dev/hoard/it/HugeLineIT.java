package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Servers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A links file on standard input with a line of hundreds of MiB and no newline for most of it, and a line that is
 * not UTF-8: hoard, with the heap its launcher gives, reports both as bad lines by number and runs the line after.
 * The huge line is made as it is written: neither the test nor hoard needs to hold it.
 */
class HugeLineIT {
  private static final long HUGE = 400L * 1024 * 1024;

  @TempDir Path work;

  @Test
  void aLineOfHundredsOfMegabytesIsABadLineAndTheNextLineDownloads() throws Exception {
    byte[] body = "after the huge line\n".getBytes(StandardCharsets.UTF_8);
    Servers.Routes routes = new Servers.Routes().on("/next.bin", Servers.ok(body));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = work.resolve("dl");
      HoardProcess p = HoardProcess.startAsLauncherWithStdin(work, "-i", "-", "-d", dir.toString(),
          "--progress=plain");
      AtomicReference<IOException> writeFailure = new AtomicReference<>();
      Thread writer = new Thread(() -> {
        try (OutputStream in = p.stdin()) {
          in.write("# caf\u00e9 in Latin-1, a comment all the same\n".getBytes(StandardCharsets.ISO_8859_1));
          in.write("http://127.0.0.1/caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
          in.write(("http://127.0.0.1:" + server.getPort() + "/").getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[1 << 20];
          Arrays.fill(chunk, (byte) 'x');
          for (long sent = 0; sent < HUGE; sent += chunk.length) in.write(chunk);
          in.write(("\n" + Servers.url(server, "/next.bin") + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          writeFailure.set(e);
        }
      }, "huge-line-writer");
      writer.start();

      int exit = p.exitCode();
      writer.join();
      String err = p.stderr();
      assertEquals(1, exit, "exit 1 for bad lines\nstderr:\n" + err + "\nstdout:\n" + p.stdout());
      assertEquals(null, writeFailure.get(), "hoard stopped reading its input early\nstderr:\n" + err);
      assertTrue(err.contains("stdin:2: bytes that are not UTF-8"), err);
      assertTrue(err.contains("stdin:3: line too long: over 64 KiB"), err);
      assertTrue(!err.contains("stdin:1:"), "a comment is not a bad line, whatever its bytes: " + err);
      assertArrayEquals(body, Files.readAllBytes(dir.resolve("next.bin")), "the line after the huge one ran");
      assertTrue(p.stdout().contains("2 bad lines"), p.stdout());
    }
  }
}

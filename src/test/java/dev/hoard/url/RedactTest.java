package dev.hoard.url;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeFaults;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://user:secret@host/x              | http://user:***@host/x
      https://token@host/                    | https://***@host/
      http://user:@host/                     | http://user:***@host/
      http://:secret@host:8080/              | http://:***@host:8080/
      HTTP://User:Secret@Host/               | HTTP://User:***@Host/
      http://user:p@ss@host/x                | http://user:***@host/x
      http://user:secret@host/a@b            | http://user:***@host/a@b
      http://host/x?next=a@b                 | http://host/x?next=a@b
      http://host?x=a@b                      | http://host?x=a@b
      http://host/x#me@there                 | http://host/x#me@there
      http://host/plain                      | http://host/plain
      not a url                              | not a url
      """)
  void hidesThePasswordOfAUrl(String url, String shown) {
    assertEquals(shown, Redact.url(url));
  }

  /** A ranged file whose probe and first piece are served; every piece after the first gets a 500. */
  private static RangeDispatcher piecesFailAfterTheFirst() {
    return new RangeDispatcher().file("/pieces.bin", Servers.bytes(256 * 1024), null)
        .on(r -> r.first() > 0, RangeFaults.errorPage(500));
  }

  @Test
  void nullStaysNull() {
    assertNull(Redact.url((String) null));
    assertNull(Redact.url((java.net.URI) null));
  }

  @Test
  void credentialsNeverAppearInOutputJsonOrState() throws Exception {
    Routes routes = new Routes().on("/ok.bin", ok("fine")).on("/gone.bin", status(404, "Not Found"))
        .on("/part.bin", Servers.resetMidBody("x".repeat(8192)))
        .on("/pieces.bin", piecesFailAfterTheFirst());
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = tmp.resolve("dl");
      String base = "http://user:secret@127.0.0.1:" + server.getPort();
      Path list = Files.writeString(tmp.resolve("links.txt"),
          base + "/ok.bin\n" + base + "/gone.bin\n" + base + "/part.bin\n" + base + "/pieces.bin\n"
              + "ftp://user:secret@127.0.0.1/bad\n");

      for (String mode : new String[] {"--json", "--progress=plain"}) {
        var run = Hoard.get(dir, mode, "--overwrite", "--retries=0", "-x", "4", "-k", "16K", "-i", list.toString());

        assertEquals(1, run.code(), run.err());
        assertFalse(run.out().contains("secret"), run.out());
        assertFalse(run.err().contains("secret"), run.err());
        assertTrue(run.err().contains("user:***@127.0.0.1"), run.err());
      }
      String json = Hoard.get(dir, "--json", base + "/ok.bin").out();
      assertTrue(json.contains("\"url\":\"http://user:***@127.0.0.1:" + server.getPort() + "/ok.bin\""), json);
      assertTrue(Files.exists(dir.resolve("pieces.bin.part.state")), "no resume state was left to check");
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret"), f.toString());
        }
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "http://user:pa#ss@host/x   | http://user:***@host/x",
      "http://user:pa/ss@host/x   | http://user:***@host/x",
      "http://user:pa?ss@host     | http://user:***@host",
      "http://host:8080/a@b       | http://host:8080/a@b",
      "http://host/a@b            | http://host/a@b"})
  void aPasswordHoldingARawHashSlashOrQuestionMarkIsStillHidden(String text, String shown) {
    org.junit.jupiter.api.Assertions.assertEquals(shown, Redact.url(text));
  }
}

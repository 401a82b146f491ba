package dev.hoard.fetch;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.core5.http.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramingTest {
  @TempDir Path dir;

  private static List<String> list(String s) {
    return s == null || s.equals("-") ? List.of() : Arrays.asList(s.split(" \\+ "));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      chunked              | 3             | -1
      gzip, chunked        | -             | -1
      Chunked              | 3 + 5         | -1
      -                    | 5             | 5
      -                    | 5 + 5         | 5
      -                    | '5, 5'        | 5
      -                    | ' 0 '         | 0
      -                    | -             | -9223372036854775807
      """)
  void aHeadSaysOneLength(String transferEncoding, String contentLength, long length) throws ProtocolException {
    assertEquals(length, Framing.length(list(transferEncoding), list(contentLength)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      -         | 3 + 5   | Content-Length headers disagree (3 and 5)
      -         | '3, 5'  | Content-Length headers disagree (3 and 5)
      -         | -1      | Content-Length '-1' is not a length
      -         | x       | Content-Length 'x' is not a length
      gzip      | 5       | unsupported framing: Transfer-Encoding gzip
      """)
  void aHeadThatSaysNoOneLengthIsRefusedAsFraming(String transferEncoding, String contentLength, String message) {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> Framing.length(list(transferEncoding), list(contentLength)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("framing"), e.getMessage());
  }

  @Test
  void aChunkedBodyWithAContentLengthIsTakenAsChunked() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\nConnection: close\r\n\r\n"
        + "5\r\nhello\r\n0\r\n\r\n";
    try (RawServer server = new RawServer((request, out) -> RawServer.send(out, answer.getBytes(US_ASCII)))) {
      Hoard.get(dir, "--retries=0", server.url("/f")).exits(0);
    }
    assertEquals("hello", Files.readString(dir.resolve("f"), US_ASCII));
  }

  @Test
  void twoIdenticalContentLengthsAreOneLength() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
    try (RawServer server = new RawServer((request, out) -> RawServer.send(out, answer.getBytes(US_ASCII)))) {
      Hoard.get(dir, "--retries=0", server.url("/f")).exits(0);
    }
    assertEquals("hello", Files.readString(dir.resolve("f"), US_ASCII));
  }

  @Test
  void contentLengthsThatDisagreeFailTheDownloadWithAMessageAboutFraming() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
    try (RawServer server = new RawServer((request, out) -> RawServer.send(out, answer.getBytes(US_ASCII)))) {
      var run = Hoard.get(dir, "--retries=0", server.url("/f")).exits(1)
          .errContains("bad framing: Content-Length headers disagree (3 and 5)");
      assertFalse(run.err().contains("short body"), run.err());
    }
    assertFalse(Files.exists(dir.resolve("f")), "a file of unknown length landed");
  }
}

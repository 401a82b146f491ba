package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.chunk.ByteRange;
import dev.hoard.runtime.StopSignal;
import dev.hoard.testing.FakeClock;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.RangeDispatcher.Requested;
import dev.hoard.testing.RangeFaults;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The first request for a file, against {@link RangeDispatcher}: what the answer says about the file and its body. */
class ProbeTest {
  private static final byte[] FILE = Servers.bytes(1000);
  private static final String ETAG = "\"v1\"";
  private static final String LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

  private final RangeDispatcher files = new RangeDispatcher();
  private MockWebServer server;
  private Http http;

  @BeforeEach
  void start() throws IOException {
    server = Servers.start(files);
    // generous: no answer here is slow, so the timeout never decides an outcome
    http = new Http(new HttpSettings(Duration.ofSeconds(30), "hoard/test", 4, 4));
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    server.close();
  }

  /** Probes {@code path} from {@code from}, with what a resume {@code knew}; no retries. */
  private Probe probe(String path, RemoteFile knew, long from) throws IOException {
    Retrier once = new Retrier(new Backoff(0, Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.5), new FakeClock(),
        new StopSignal(), Retrier.Observer.NONE);
    return Probe.send(new Fetcher(http), once, URI.create(Servers.url(server, path)), HomeHeaders.none(), knew,
        ByteRange.toEnd(from));
  }

  private static byte[] body(Probe p) throws IOException {
    try (Response r = p.response()) {
      byte[] b = r.body().readAllBytes();
      r.release();
      return b;
    }
  }

  @Test
  void aRangedAnswerWithItsContentRangeTellsTheLengthTheValidatorsAndThatRangesWork() throws IOException {
    files.file("/f", FILE, "v1", LAST_MODIFIED);

    Probe p = probe("/f", null, 0);

    assertEquals(new RemoteFile(FILE.length, true, ETAG, LAST_MODIFIED), p.remote());
    assertEquals(0, p.from());
    assertEquals(206, p.response().status());
    assertFalse(p.encoded());
    assertArrayEquals(FILE, body(p), "the probe's body is the first piece");
    Requested asked = files.requests("/f").get(0);
    assertEquals("bytes=0-", asked.range());
    assertNull(asked.ifRange(), "a first probe has no validator to send");
  }

  @Test
  void aResumeAsksFromItsOffsetWithTheValidatorItKnew() throws IOException {
    files.file("/f", FILE, "v1");
    RemoteFile knew = new RemoteFile(FILE.length, true, ETAG, null);

    Probe p = probe("/f", knew, 400);

    assertEquals(400, p.from());
    assertEquals(new RemoteFile(FILE.length, true, ETAG, null), p.remote());
    assertArrayEquals(Arrays.copyOfRange(FILE, 400, FILE.length), body(p));
    Requested asked = files.requests("/f").get(0);
    assertEquals("bytes=400-", asked.range());
    assertEquals(ETAG, asked.ifRange());
  }

  @Test
  void aPlainAnswerIsOneStreamOfTheWholeFile() throws IOException {
    files.file("/f", FILE, "v1").ignoringRanges();

    Probe p = probe("/f", null, 0);

    assertEquals(new RemoteFile(FILE.length, false, ETAG, null), p.remote());
    assertEquals(0, p.from());
    assertEquals(200, p.response().status());
    assertArrayEquals(FILE, body(p));
    assertEquals(1, files.log().size(), files.log().toString());
  }

  @Test
  void anEmptyFileAnswering416ToTheFirstProbeIsAskedForAgainWhole() throws IOException {
    files.file("/empty", new byte[0], "e");

    Probe p = probe("/empty", null, 0);

    assertEquals(new RemoteFile(0, false, "\"e\"", null), p.remote());
    assertEquals(200, p.response().status());
    assertArrayEquals(new byte[0], body(p));
    List<RangeDispatcher.Logged> log = files.log();
    assertEquals(2, log.size(), log.toString());
    assertEquals(416, log.get(0).status());
    assertEquals("bytes=0-", log.get(0).request().range());
    assertNull(log.get(1).request().range(), "asked again without a Range: " + log);
  }

  @Test
  void a416ToAResumeTakesTheLengthFromItsContentRange() throws IOException {
    files.file("/f", FILE, "v1");
    RemoteFile knew = new RemoteFile(FILE.length, true, ETAG, null);

    Probe p = probe("/f", knew, FILE.length);

    assertEquals(416, p.response().status());
    assertEquals(FILE.length, p.from());
    assertEquals(FILE.length, p.remote().length(), "the length of bytes */N");
    assertTrue(p.remote().ranges());
    p.response().close();
    assertEquals(1, files.log().size(), "a resume of a whole file is not asked for again: " + files.log());
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      bytes */1000       | 1000
      'bytes  */0 '      | 0
      bytes */*          | -1
      bytes 0-9/1000     | -1
      */1000             | -1
      bytes */-1         | -1
      """)
  void theLengthOfA416IsTheTotalOfItsUnsatisfiedContentRange(String header, long length) {
    assertEquals(length, Probe.unsatisfiedLength(header));
  }

  @Test
  void a416WithoutContentRangeHasAnUnknownLength() {
    assertEquals(-1, Probe.unsatisfiedLength(null));
  }

  @ParameterizedTest(name = "Content-Range: {0}")
  @NullSource
  @ValueSource(strings = {"bytes 1-999/1000", "bytes 0-999/*", "bytes 0-999", "bytes 0-1000/1000", "pieces 0-999/1000"})
  void aContentRangeTheClientCannotUseFallsBackToTheWholeFile(String contentRange) throws IOException {
    files.file("/f", FILE, "v1").on(Requested::ranged, RangeFaults.contentRange(contentRange));

    Probe p = probe("/f", null, 0);

    assertWholeFileAsOnePlainStream(p);
  }

  @Test
  void aRangedAnswerStartingElsewhereThanAskedFallsBackToTheWholeFile() throws IOException {
    files.file("/f", FILE, "v1").on(Requested::ranged, RangeFaults.wrongContentRange(1));

    Probe p = probe("/f", null, 0);

    assertWholeFileAsOnePlainStream(p);
  }

  @Test
  void aCompressedRangedAnswerFallsBackToTheWholeFile() throws IOException {
    files.file("/f", FILE, "v1").on(Requested::ranged, RangeFaults.gzipped());

    Probe p = probe("/f", null, 0);

    assertWholeFileAsOnePlainStream(p);
    assertFalse(p.encoded());
  }

  @Test
  void aCompressedPlainAnswerIsOneEncodedStreamOfUnknownLength() throws IOException {
    files.file("/f", FILE, "v1").ignoringRanges().on(r -> true, RangeFaults.gzipped());

    Probe p = probe("/f", null, 0);

    assertTrue(p.encoded());
    assertEquals(-1, p.remote().length(), "the Content-Length counts compressed bytes");
    assertFalse(p.remote().ranges());
    p.response().close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {300, 301, 302, 303, 307, 308})
  void aRedirectWithoutLocationIsAnErrorNotTheFile(int code) {
    files.file("/f", FILE, "v1").on(r -> true, RangeFaults.redirectWithoutLocation(code));

    StatusException e = assertThrows(StatusException.class, () -> probe("/f", null, 0));

    assertEquals(code, e.status());
    assertEquals(1, files.log().size(), files.log().toString());
  }

  @Test
  void anErrorStatusIsThrown() {
    StatusException e = assertThrows(StatusException.class, () -> probe("/missing", null, 0));

    assertEquals(404, e.status());
  }

  /** The probe fell back: a second request without Range, whose body is the whole file as one plain stream. */
  private void assertWholeFileAsOnePlainStream(Probe p) throws IOException {
    assertEquals(200, p.response().status());
    assertEquals(new RemoteFile(FILE.length, false, ETAG, null), p.remote());
    assertEquals(0, p.from());
    assertArrayEquals(FILE, body(p));
    List<RangeDispatcher.Logged> log = files.log();
    assertEquals(2, log.size(), log.toString());
    assertEquals("bytes=0-", log.get(0).request().range());
    assertNull(log.get(1).request().range(), "asked again without a Range: " + log);
  }
}

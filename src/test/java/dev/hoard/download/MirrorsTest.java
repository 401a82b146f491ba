package dev.hoard.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.chunk.Source;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.RemoteFile;
import dev.hoard.fetch.StatusException;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorsTest {
  private static final URI A = URI.create("http://a.example/f.iso");
  private static final URI B = URI.create("http://b.example/pub/f.iso");
  private static final URI C = URI.create("http://user:secret@c.example/f.iso");

  private final List<String> messages = new ArrayList<>();

  private Mirrors mirrors(Map<String, RemoteFile> earlier, URI... urls) {
    return new Mirrors(List.of(urls), u -> HomeHeaders.none(), earlier::get, messages::add,
        new ConcurrencyPolicy(1, Connections.AUTO, 16));
  }

  @Test
  void connectionsGoToTheMirrorWithTheFewestInLineOrder() {
    Mirrors m = mirrors(Map.of(), A, B, C);
    List<String> order = new ArrayList<>();
    List<Source> given = new ArrayList<>();
    for (int i = 0; i < 5; i++) given.add(m.assign());
    for (Source s : given) order.add(s.toString());
    assertEquals(List.of("http://a.example/f.iso", "http://b.example/pub/f.iso", "http://user:***@c.example/f.iso",
        "http://a.example/f.iso", "http://b.example/pub/f.iso"), order);

    m.unassign(given.get(2));
    assertEquals("http://user:***@c.example/f.iso", m.assign().toString(), "the one a connection left is next");
  }

  @Test
  void aFailedMirrorIsDroppedOnceWithAMessageAndItsConnectionMovesOn() {
    Mirrors m = mirrors(Map.of(), A, B);
    Source onA = m.assign();
    m.assign();
    Source secondOnA = m.assign();
    assertSame(onA, secondOnA);

    Source next = m.replace(onA, new ConnectException("Connection refused"));

    assertEquals("http://b.example/pub/f.iso", next.toString());
    assertEquals(List.of("http://a.example/f.iso: mirror http://a.example/f.iso dropped: connection refused"),
        messages);
    assertEquals("http://b.example/pub/f.iso", m.first().toString());
    assertFalse(m.several());
    // another connection still on the dropped mirror moves on without a second message
    assertEquals("http://b.example/pub/f.iso", m.replace(secondOnA, new IOException("mirror dropped")).toString());
    assertEquals(1, messages.size());
  }

  @Test
  void theLastMirrorIsNeverDroppedItsFailureIsTheDownloads() {
    Mirrors m = mirrors(Map.of(), A);
    Source only = m.assign();

    assertNull(m.replace(only, new ConnectException("Connection refused")));
    assertFalse(m.drop(m.first(), "whatever"));
    assertTrue(messages.isEmpty(), messages.toString());
    assertEquals(A, m.first().url());
  }

  @Test
  void aDroppedMirrorFailsAtOnceAndIsNotRetried() throws IOException {
    Mirrors m = mirrors(Map.of(), A, B);
    Mirrors.Mirror a = m.first();
    assertTrue(m.drop(a, "404 Not Found"));
    assertNull(a.retryDelay(new IOException("reset"), 1));
    assertEquals(List.of("http://a.example/f.iso: mirror http://a.example/f.iso dropped: 404 Not Found"), messages);
  }

  @Test
  void whenTheLastMirrorFailsTheDownloadsFailureNamesEachMirrorWithItsOwnReason() {
    Mirrors m = mirrors(Map.of(), A, C);
    Source onA = m.assign();
    Source onC = m.assign();
    StatusException missing = new StatusException(404, "Not Found", null);

    assertSame(onC, m.replace(onA, new ConnectException("Connection refused")));
    assertNull(m.replace(onC, missing), "the last mirror is not dropped: its failure is the download's");

    assertEquals("all 2 mirrors failed: http://a.example/f.iso: connection refused; "
        + "http://user:***@c.example/f.iso: 404 Not Found", m.failure(missing));
    assertNull(m.failure(new IOException("sha256 mismatch")), "a failure of no mirror names none");
    assertEquals(0, m.status(), "the first URL answered nothing; the 404 was another mirror's");
  }

  @Test
  void theFirstUrlsOwnStatusIsTheOneReported() {
    Mirrors m = mirrors(Map.of(), A, B);
    Mirrors.Mirror a = m.first();
    a.answered(206);
    assertTrue(m.fail(a, new StatusException(503, "Service Unavailable", null)));
    m.first().answered(206);

    assertEquals(503, m.status());
  }

  @Test
  void aFileOfOneUrlFailsWithItsOwnReasonAlone() {
    Mirrors m = mirrors(Map.of(), A);
    IOException refused = new ConnectException("Connection refused");

    assertNull(m.replace(m.assign(), refused));

    assertNull(m.failure(refused), "the download's URL is named already: the reason is enough");
  }

  @Test
  void theStateNamesEachMirrorsVersionTheFirstUrlsAtTheTop() {
    String shownC = "http://user:***@c.example/f.iso";
    Mirrors m = mirrors(Map.of(A.toString(), new RemoteFile(10, true, "\"a\"", null),
        shownC, new RemoteFile(10, true, null, "Wed, 21 Oct 2015 07:28:00 GMT")), A, B, C);

    ResumeState s = m.validated(new ResumeState(A.toString(), 10, null, null, List.of()));

    assertEquals("\"a\"", s.etag());
    assertEquals(List.of(new ResumeState.Mirror(shownC, null, "Wed, 21 Oct 2015 07:28:00 GMT")), s.mirrors(),
        "a mirror that never answered is left out; a password never appears");
  }

  @Test
  void aDownloadCountsOnceAgainstEachHostOfItsMirrors() {
    URI aOther = URI.create("http://a.example/mirror/f.iso");
    assertEquals(List.of(A, B), Mirrors.origins(List.of(A, aOther, B)));
  }
}

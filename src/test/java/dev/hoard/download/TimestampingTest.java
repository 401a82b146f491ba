package dev.hoard.download;

import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoard.fetch.HttpDate;
import dev.hoard.testing.Hoard;
import dev.hoard.testing.ServedFolderTest;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@code -N}: a file already there is fetched again only when the server's copy is newer or of another size. */
class TimestampingTest extends ServedFolderTest {
  private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2026-11-03T10:00:00Z");

  /** The server's copy: its body and time; a conditional GET on or after that time is answered 304. */
  private final AtomicReference<String> body = new AtomicReference<>("first");
  private final AtomicReference<Instant> modified = new AtomicReference<>(MONDAY);
  private volatile boolean honoursConditions = true;

  private MockResponse answer(RecordedRequest r) {
    Instant since = HttpDate.parse(r.getHeaders().get("If-Modified-Since"));
    if (honoursConditions && since != null && !modified.get().isAfter(since)) {
      return new MockResponse.Builder().code(304).build();
    }
    return new MockResponse.Builder().code(200).body(body.get())
        .setHeader("Last-Modified", HttpDate.format(modified.get())).build();
  }

  @Test
  void aFinishedFileTakesTheServersLastModifiedAsItsTime() throws Exception {
    routes.on("/f.txt", this::answer);
    Hoard.get(dir, url(server, "/f.txt")).exits(0);
    assertEquals(MONDAY, Files.getLastModifiedTime(dir.resolve("f.txt")).toInstant());
  }

  @Test
  void anUnchangedCopyIsSkippedWithNoBodyTransferred() throws Exception {
    routes.on("/f.txt", this::answer);
    Hoard.get(dir, url(server, "/f.txt")).exits(0);

    var rerun = Hoard.get(dir, "--json", "-N", url(server, "/f.txt")).exits(0);

    assertEquals("skipped", rerun.record("/f.txt").get("status"));
    assertEquals(304, ((Number) rerun.record("/f.txt").get("http")).intValue(), "the last status seen");
    // the IMF-fixdate form, with its two-digit day: nginx ignores an If-Modified-Since that has one digit
    assertEquals("Mon, 02 Nov 2026 10:00:00 GMT",
        routes.requests("/f.txt").get(1).getHeaders().get("If-Modified-Since"));
    assertEquals("first", Files.readString(dir.resolve("f.txt")));
  }

  @Test
  void aNewerCopyReplacesTheFileThroughItsPart() throws Exception {
    routes.on("/f.txt", this::answer);
    Hoard.get(dir, url(server, "/f.txt")).exits(0);
    body.set("second");
    modified.set(TUESDAY);

    var rerun = Hoard.get(dir, "--json", "-N", url(server, "/f.txt")).exits(0);

    assertEquals("ok", rerun.record("/f.txt").get("status"));
    assertEquals("second", Files.readString(dir.resolve("f.txt")));
    assertEquals(TUESDAY, Files.getLastModifiedTime(dir.resolve("f.txt")).toInstant());
    assertNull(rerun.record("/f.txt").get("error"));
  }

  @Test
  void aCopyOfAnotherSizeIsTakenEvenWhenTheServerIgnoresTheConditionAndSaysNoNewer() throws Exception {
    routes.on("/f.txt", this::answer);
    Hoard.get(dir, url(server, "/f.txt")).exits(0);
    honoursConditions = false;
    body.set("longer than before");

    Hoard.get(dir, "-N", url(server, "/f.txt")).exits(0);

    assertEquals("longer than before", Files.readString(dir.resolve("f.txt")));
  }

  @Test
  void withoutTheFlagTheFileThereIsSkippedWithoutAsking() throws Exception {
    routes.on("/f.txt", this::answer);
    Hoard.get(dir, url(server, "/f.txt")).exits(0);
    body.set("second");
    modified.set(TUESDAY);

    Hoard.get(dir, url(server, "/f.txt")).exits(0);

    assertEquals("first", Files.readString(dir.resolve("f.txt")));
    assertEquals(1, routes.requests("/f.txt").size());
  }
}

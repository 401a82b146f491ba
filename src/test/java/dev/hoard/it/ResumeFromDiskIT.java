package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.store.FileOrigin;
import dev.hoard.testing.RangeDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rerun that finds a {@code .part} file (with or without its state) left by an earlier run, laid on disk by the
 * test so each starting point is exact.
 */
class ResumeFromDiskIT extends ResumeHarness {
  private static final String ETAG = "\"v1\"";

  /** Writes the part file with the given ranges of {@code body} (zeros elsewhere), {@code size} bytes long. */
  private void writePart(String name, byte[] body, int size, long[]... ranges) throws IOException {
    byte[] part = new byte[size];
    for (long[] r : ranges) System.arraycopy(body, (int) r[0], part, (int) r[0], (int) (r[1] - r[0]));
    Files.createDirectories(dir);
    Files.write(part(name), part);
  }

  /** Writes a state file as hoard does. */
  private void writeState(String name, String url, long length, String etag, long[]... ranges) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hoard", 1);
    m.put("url", url);
    m.put("length", length);
    if (etag != null) m.put("etag", etag);
    List<List<Long>> done = new ArrayList<>();
    for (long[] r : ranges) done.add(List.of(r[0], r[1]));
    m.put("done", done);
    Files.writeString(state(name), JSON.std.asString(m));
  }

  @Test
  void resumesAStateWhoseFirstRangeDoesNotStartAtZero() throws Exception {
    byte[] body = bytes(11, 4 * MIB);
    files.file("/gap.bin", body, "v1");
    long[] held = {MIB, 2 * MIB};
    writePart("gap.bin", body, 2 * MIB, held);
    writeState("gap.bin", url("/gap.bin"), body.length, ETAG, held);

    HoardProcess p = start("-x", "4", "-k", "256K", url("/gap.bin"));
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("gap.bin", body);
    assertAskedOnlyMissing(files.log(), List.of(held), body.length, ETAG);
  }

  @Test
  void takesA416ForAFileTheStateSaysIsCompleteAsDoneAndVerifiesIt() throws Exception {
    byte[] body = bytes(12, MIB + 7);
    files.file("/whole.bin", body, "v1");
    long[] all = {0, body.length};
    writePart("whole.bin", body, body.length, all);
    writeState("whole.bin", url("/whole.bin"), body.length, ETAG, all);
    Files.writeString(work.resolve("links.txt"), url("/whole.bin") + " sha256=" + sha256(body) + "\n");

    HoardProcess p = start("-i", "links.txt");
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("whole.bin", body);
    List<RangeDispatcher.Logged> log = files.log();
    assertEquals(1, log.size(), "requests: " + log);
    assertEquals(416, log.get(0).status(), "requests: " + log);
    assertEquals(ETAG, log.get(0).request().ifRange(), "requests: " + log);
  }

  /**
   * The 416 that finishes a whole part carries no Last-Modified (nor does nginx's): the file still gets the server's
   * time, the one its state recorded, as an uninterrupted run gives it and as -N later compares against.
   */
  @Test
  void aFileFinishedByA416GetsTheLastModifiedItsStateRecorded() throws Exception {
    String lastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
    byte[] body = bytes(14, MIB + 3);
    files.file("/dated.bin", body, "v1", lastModified);
    long[] all = {0, body.length};
    writePart("dated.bin", body, body.length, all);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hoard", 1);
    m.put("url", url("/dated.bin"));
    m.put("length", body.length);
    m.put("etag", ETAG);
    m.put("lastModified", lastModified);
    m.put("done", List.of(List.of(0L, (long) body.length)));
    Files.writeString(state("dated.bin"), JSON.std.asString(m));

    HoardProcess p = start(url("/dated.bin"));
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("dated.bin", body);
    assertEquals(416, files.log().get(0).status(), "requests: " + files.log());
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), Files.getLastModifiedTime(target("dated.bin")).toInstant());
  }

  @Test
  void aCompleteStateWhosePartFailsItsSha256IsDiscardedAndTheRerunDownloadsAgain() throws Exception {
    byte[] body = bytes(13, MIB);
    files.file("/bad.bin", body, "v1");
    long[] all = {0, body.length};
    writePart("bad.bin", body, body.length, all);
    Files.write(part("bad.bin"), new byte[] {42}, java.nio.file.StandardOpenOption.WRITE);
    writeState("bad.bin", url("/bad.bin"), body.length, ETAG, all);
    Files.writeString(work.resolve("links.txt"), url("/bad.bin") + " sha256=" + sha256(body) + "\n");

    HoardProcess first = start("-i", "links.txt");
    assertEquals(1, first.exitCode(), first.stderr());
    assertTrue(first.stderr().contains("sha256 mismatch"), first.stderr());
    assertFalse(Files.exists(target("bad.bin")), "a file that failed its check landed");

    HoardProcess second = start("-i", "links.txt");
    assertEquals(0, second.exitCode(), second.stderr());
    assertLanded("bad.bin", body);
  }

  @Test
  void aStateLeftBesideAFinishedFileIsRemovedByTheSkippingRerun() throws Exception {
    byte[] body = bytes(17, MIB);
    files.file("/done.bin", body, "v1");
    // a kill between the rename and the state's removal leaves exactly this
    Files.createDirectories(dir);
    // a finished file records its URL: the part it was renamed from carried it
    FileOrigin.record(Files.write(target("done.bin"), body), url("/done.bin"));
    writeState("done.bin", url("/done.bin"), body.length, ETAG, new long[] {0, body.length});

    HoardProcess p = start(url("/done.bin"));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(List.of(), files.log(), "a finished file was asked for");
    assertLanded("done.bin", body);
  }

  @Test
  void resumesAPartWithoutStateByItsLengthWhenTheServerTakesRanges() throws Exception {
    byte[] body = bytes(14, 3 * MIB);
    files.file("/bare.bin", body, "v1");
    long[] prefix = {0, MIB + MIB / 2};
    writePart("bare.bin", body, (int) prefix[1], prefix);
    // hoard's own part, its state lost: it records the URL it is for
    FileOrigin.record(part("bare.bin"), url("/bare.bin"));

    HoardProcess p = start("-x", "4", "-k", "256K", url("/bare.bin"));
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("bare.bin", body);
    assertAskedOnlyMissing(files.log(), List.of(prefix), body.length, null);
  }

  @Test
  void restartsAPartWithoutStateWhenTheServerIgnoresRanges() throws Exception {
    byte[] body = bytes(15, 2 * MIB);
    files.file("/plain.bin", body, null);
    files.ignoringRanges();
    writePart("plain.bin", bytes(99, 2 * MIB), MIB, new long[] {0, MIB});
    FileOrigin.record(part("plain.bin"), url("/plain.bin"));

    HoardProcess p = start("-x", "4", "-k", "256K", url("/plain.bin"));
    assertEquals(0, p.exitCode(), p.stderr());
    assertLanded("plain.bin", body);
    assertTrue(p.stderr().contains("server sent the whole file instead of the missing bytes; starting over"),
        p.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "truncated", "other-url", "past-part-end", "unknown-version", "overlapping"})
  void startsOverWithAMessageWhenTheStateCannotBeTrusted(String kind) throws Exception {
    byte[] body = bytes(16, 2 * MIB);
    files.file("/s.bin", body, "v1");
    String url = url("/s.bin");
    // the part holds wrong bytes: resuming from any claim would corrupt the file
    writePart("s.bin", bytes(98, 2 * MIB), MIB, new long[] {0, MIB});
    writeState("s.bin", url, body.length, ETAG, new long[] {0, MIB});
    String good = Files.readString(state("s.bin"));
    String text = switch (kind) {
      case "garbage" -> "\u0000\u00ff not json at all";
      case "truncated" -> good.substring(0, good.length() / 2);
      case "other-url" -> good.replace(url, url("/other.bin"));
      case "past-part-end" -> good.replace("[[0," + MIB + "]]", "[[0," + (MIB + 1) + "]]");
      case "unknown-version" -> good.replace("\"hoard\":1", "\"hoard\":99");
      case "overlapping" -> good.replace("[[0," + MIB + "]]", "[[0,1000],[500,2000]]");
      default -> throw new IllegalArgumentException(kind);
    };
    assertFalse(text.equals(good), "the state was not changed: " + good);
    Files.writeString(state("s.bin"), text);

    HoardProcess p = start("-x", "2", "-k", "256K", url);
    assertEquals(0, p.exitCode(), p.stderr());
    assertTrue(p.stderr().contains("resume state unusable, starting over"), "stderr: " + p.stderr());
    assertLanded("s.bin", body);
    assertEquals("bytes=0-", files.log().get(0).request().range(), "requests: " + files.log());
  }
}

package dev.hoard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinksFileTest {
  private static final String HEX = "ab".repeat(32);

  @Test
  void readsUrlsWithTheirOptions() {
    List<LinksFile.Entry> entries = parse("""
        https://example.com/a.iso
        http://example.com/b.bin out=renamed.bin
        https://example.com/c.tar sha256=%s
        https://example.com/d  out=d.txt   sha256=%s
        """.formatted(HEX, HEX.toUpperCase()));

    assertEquals(List.of(
        Job.listed(URI.create("https://example.com/a.iso"), null, null),
        Job.listed(URI.create("http://example.com/b.bin"), "renamed.bin", null),
        Job.listed(URI.create("https://example.com/c.tar"), null, HEX),
        Job.listed(URI.create("https://example.com/d"), "d.txt", HEX)), entries);
  }

  @Test
  void skipsBlankLinesAndCommentsButCountsThem() {
    List<LinksFile.Entry> entries = parse("""
        # a comment

           # an indented comment
        \t
        https://example.com/ok
        gopher://nonsense
        """);

    assertEquals(2, entries.size());
    assertInstanceOf(Job.class, entries.get(0));
    assertEquals(new LineError("links.txt", 6, "not an http or https URL: 'gopher://nonsense'"), entries.get(1));
  }

  @Test
  void aUrlWithoutASchemeIsReadAsHttpAndAUnicodeHostAsPunycode() {
    assertEquals(List.of(Job.listed(URI.create("http://example.com/x"), null, null),
            Job.listed(URI.create("http://xn--bcher-kva.example/f"), null, null)),
        parse("example.com/x\nhttp://b\u00fccher.example/f\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // line | the URLs of its job, first to last | out=
      "https://a.test/x.iso https://b.test/pub/x.iso | https://a.test/x.iso https://b.test/pub/x.iso | -",
      "https://a.test/x.iso\thttps://b.test/x.iso\t\thttp://c.test/x.iso out=y.iso"
          + " | https://a.test/x.iso https://b.test/x.iso http://c.test/x.iso | y.iso",
      "https://a.test/x.iso b.test/x.iso | https://a.test/x.iso http://b.test/x.iso | -",
      "https://a.test/get?id=7 https://b.test/get?id=7 out=x | https://a.test/get?id=7 https://b.test/get?id=7 | x",
      "https://a.test/x https://b.test/x https://a.test/x https://b.test/x | https://a.test/x https://b.test/x | -",
      "https://a.test/x https://a.test/x | https://a.test/x | -"})
  void severalUrlsBeforeTheOptionsAreMirrorsOfOneFile(String table) {
    String[] cols = table.split(" \\| ");
    Job job = assertInstanceOf(Job.class, parse(cols[0].replace("\\t", "\t") + "\n").get(0));

    assertEquals(List.of(cols[1].split(" ")).stream().map(URI::create).toList(), job.urls());
    assertEquals(job.urls().get(0), job.url());
    assertEquals(cols[2].equals("-") ? null : cols[2], job.out());
  }

  @Test
  void aLineErrorReadsAsFileLineReason() {
    assertEquals("links.txt:6: unknown key 'foo' (known: out, sha256)",
        new LineError("links.txt", 6, "unknown key 'foo' (known: out, sha256)").toString());
  }

  @Test
  void handlesWindowsLineEndsAndSurroundingBlanks() {
    List<LinksFile.Entry> entries = parse("  https://example.com/a  \r\n\r\nhttps://example.com/b out=b.txt\r\n");
    assertEquals(List.of(Job.listed(URI.create("https://example.com/a"), null, null),
        Job.listed(URI.create("https://example.com/b"), "b.txt", null)), entries);
  }

  @Test
  void aByteOrderMarkBeforeTheFirstUrlIsIgnored() {
    List<LinksFile.Entry> entries = parse("\ufeffhttps://example.com/a\n");
    assertEquals(List.of(Job.listed(URI.create("https://example.com/a"), null, null)), entries);
  }

  @Test
  void aByteOrderMarkStartingALaterLineIsIgnoredToo() {
    // two lists saved by a Windows editor, joined with cat
    List<LinksFile.Entry> entries = parse("\ufeffhttps://example.com/a\r\n\ufeffhttps://example.com/b\r\n");
    assertEquals(List.of(Job.listed(URI.create("https://example.com/a"), null, null),
        Job.listed(URI.create("https://example.com/b"), null, null)), entries);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://example.com/x foo=bar | unknown key 'foo'",
      "https://example.com/x OUT=y | unknown key 'OUT'",
      "https://example.com/x loose | unexpected 'loose' after the URL",
      "https://example.com/x out= | bad out= value ''",
      "https://example.com/x out | bad out= value 'null'",
      "https://example.com/x out=a/b | bad out= value 'a/b'",
      "https://example.com/x out=a\\b | bad out= value 'a\\b'",
      "https://example.com/x out=.. | bad out= value '..'",
      "https://example.com/x out=. | bad out= value '.'",
      "https://example.com/x sha256=abc | bad sha256= value 'abc'",
      "https://example.com/x sha256=zzababababababababababababababababababababababababababababababab | bad sha256= value 'zz",
      "ftp://example.com/x | not an http or https URL: 'ftp://example.com/x'",
      "mailto:someone@example.com | not an http or https URL",
      "http:///x | URL has no host",
      "http://[::1/x | not a valid URL: 'http://[::1/x'",
      "http://127.0.0.1:99999/x | port 99999 is out of range (1-65535)",
      "  out=aria.txt | option 'out=aria.txt' on a line of its own: options go on their URL's line",
      "sha256=abc | option 'sha256=abc' on a line of its own",
      "https://example.com/x http://example.org:70000/x | mirror port 70000 is out of range",
      "https://example.com/x ftp://example.org/x | mirror not an http or https URL: 'ftp://example.org/x'",
      "https://example.com/x https:///x | mirror URL has no host",
      "https://example.com/x out=y https://example.org/x | URL 'https://example.org/x' after the options",
      "https://example.com/x out=y loose | unexpected 'loose' after the URL"})
  void aBadLineIsAnErrorWithItsLineNumber(String lineAndReason) {
    String[] parts = lineAndReason.split(" \\| ");
    List<LinksFile.Entry> entries = parse("https://example.com/fine\n# comment\n" + parts[0] + "\n");

    assertEquals(2, entries.size());
    LineError error = assertInstanceOf(LineError.class, entries.get(1));
    assertEquals(3, error.line());
    assertTrue(error.reason().contains(parts[1]), error.reason());
    assertTrue(error.toString().startsWith("links.txt:3: "), error.toString());
  }

  @Test
  void aBadUrlIsReportedWithoutItsPassword() {
    List<LinksFile.Entry> entries = parse("ftp://user:s3cret@example.com/x\n");
    LineError error = assertInstanceOf(LineError.class, entries.get(0));
    assertFalse(error.toString().contains("s3cret"), error.toString());
    assertTrue(error.toString().contains("user:***@example.com"), error.toString());
  }

  @Test
  void nonAsciiAndUnsafeCharactersArePercentEncoded() {
    Job job = assertInstanceOf(Job.class, parse("https://example.com/caf\u00e9/{x}\n").get(0));
    assertEquals("/caf%C3%A9/%7Bx%7D", job.url().getRawPath());
  }

  @Test
  void readsOnlyAsFarAsAsked() {
    // two lines, then a reader that fails the test if asked for a third
    LinksFile file = new LinksFile(new LinesThenExplode("https://example.com/1\n",
        "# a comment\n", "https://example.com/2\n"), "links.txt");

    assertEquals(URI.create("https://example.com/1"), ((Job) file.next()).url());
    assertEquals(URI.create("https://example.com/2"), ((Job) file.next()).url());
    assertThrows(IllegalStateException.class, file::hasNext);
  }

  @Test
  void hasNextIsIdempotentAndNextPastTheEndThrows() {
    LinksFile file = new LinksFile(utf8("https://example.com/1\n"), "x");
    assertTrue(file.hasNext());
    assertTrue(file.hasNext());
    file.next();
    assertFalse(file.hasNext());
    assertThrows(java.util.NoSuchElementException.class, file::next);
  }

  @Test
  void aReadErrorNamesTheFileAndLine() {
    InputStream failing = new InputStream() {
      private boolean served;

      @Override public int read() {
        throw new AssertionError("read byte by byte");
      }

      @Override public int read(byte[] buf, int off, int len) throws IOException {
        if (served) throw new IOException("disk on fire");
        served = true;
        byte[] s = "https://example.com/1\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(s, 0, buf, off, s.length);
        return s.length;
      }
    };
    LinksFile file = new LinksFile(failing, "links.txt");
    file.next();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, file::hasNext);
    assertEquals("links.txt:1: cannot read: disk on fire", e.getMessage());
  }

  @Test
  void aLineOfBytesThatAreNotUtf8IsABadLineAndTheOthersRun() {
    byte[] latin1 = "https://example.com/a\nhttps://example.com/caf\u00e9\nhttps://example.com/b\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    List<LinksFile.Entry> entries = parse(latin1);

    assertEquals(List.of(Job.listed(URI.create("https://example.com/a"), null, null),
        new LineError("links.txt", 2, LineReader.NOT_UTF8),
        Job.listed(URI.create("https://example.com/b"), null, null)), entries);
    String shown = entries.get(1).toString();
    assertTrue(shown.startsWith("links.txt:2: bytes that are not UTF-8"), shown);
  }

  @Test
  void aCommentOfBytesThatAreNotUtf8IsStillAComment() {
    byte[] latin1 = "# caf\u00e9\n  # r\u00e9sum\u00e9\nhttps://example.com/b\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(List.of(Job.listed(URI.create("https://example.com/b"), null, null)), parse(latin1));
  }

  @Test
  void aLineOverTheCapIsABadLineAndTheNextLineRuns() {
    String huge = "https://example.com/" + "x".repeat(LineReader.MAX_LINE);
    List<LinksFile.Entry> entries = parse(huge + "\nhttps://example.com/next\n");

    assertEquals(List.of(new LineError("links.txt", 1, "line too long: over 64 KiB"),
        Job.listed(URI.create("https://example.com/next"), null, null)), entries);
  }

  @Test
  void aListedJobIsItsOwnRoot() {
    Job job = Job.listed(URI.create("https://example.com/a"), null, null);
    assertEquals(0, job.depth());
    assertNull(job.parent());
    assertEquals(job.url(), job.root());
  }

  private static List<LinksFile.Entry> parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<LinksFile.Entry> parse(byte[] bytes) {
    LinksFile file = new LinksFile(new ByteArrayInputStream(bytes), "links.txt");
    List<LinksFile.Entry> out = new ArrayList<>();
    file.forEachRemaining(out::add);
    return out;
  }

  private static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A stream that hands out the given lines one read at a time and throws when asked for more. */
  private static final class LinesThenExplode extends InputStream {
    private final String[] lines;
    private int next;

    LinesThenExplode(String... lines) {
      this.lines = lines;
    }

    @Override
    public int read() {
      throw new AssertionError("read byte by byte");
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (next == lines.length) throw new IllegalStateException("read past line " + next);
      byte[] line = lines[next++].getBytes(StandardCharsets.UTF_8);
      if (line.length > len) throw new IllegalArgumentException("buffer too small");
      System.arraycopy(line, 0, buf, off, line.length);
      return line.length;
    }
  }
}

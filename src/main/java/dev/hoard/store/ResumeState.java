package dev.hoard.store;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.chunk.ByteRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sidecar of a {@code NAME.part} file: which URL, how long, which version (ETag, Last-Modified, and those of each
 * mirror) and which byte ranges are already written. Saved to a temp file then atomically moved into place, so a kill at any moment leaves
 * either the old state or the new one.
 *
 * @param url the URL, its password hidden
 * @param length the total length, or -1 when unknown
 * @param etag the ETag {@code url} answered with, or null
 * @param lastModified the Last-Modified {@code url} answered with, or null
 * @param done sorted, non-overlapping ranges written
 * @param mirrors the validators of the file's other URLs (its mirrors) that answered, so a resume asks each of them
 *     for the same version
 */
public record ResumeState(String url, long length, String etag, String lastModified, List<ByteRange> done,
    List<Mirror> mirrors) {
  static final int VERSION = 1;
  /**
   * The largest state file read. hoard's own stay far below (a few ranges, a links-file line's worth of mirrors); a
   * bigger one was made by hand or by something else, and reading it whole could exhaust the heap.
   */
  static final long MAX_BYTES = 4 << 20;

  /** What one mirror of the file answered with: its URL (password hidden) and validators (each null if none). */
  public record Mirror(String url, String etag, String lastModified) {
    public Mirror {
      Objects.requireNonNull(url, "url");
    }
  }

  public ResumeState {
    Objects.requireNonNull(url, "url");
    done = List.copyOf(done);
    mirrors = List.copyOf(mirrors);
  }

  /** The state of a file of one URL. */
  public ResumeState(String url, long length, String etag, String lastModified, List<ByteRange> done) {
    this(url, length, etag, lastModified, done, List.of());
  }

  /** What the state remembers of {@code mirrorUrl} (password hidden), or null when that mirror never answered. */
  public Mirror mirror(String mirrorUrl) {
    if (mirrorUrl.equals(url)) return new Mirror(url, etag, lastModified);
    for (Mirror m : mirrors) if (m.url().equals(mirrorUrl)) return m;
    return null;
  }

  /** Bytes the ranges cover. */
  public long written() {
    return done.stream().mapToLong(ByteRange::length).sum();
  }

  public ResumeState withDone(List<ByteRange> ranges) {
    return new ResumeState(url, length, etag, lastModified, ranges, mirrors);
  }

  /** The same state with these validators: {@code url}'s own, and the mirrors'. */
  public ResumeState withValidators(String etag, String lastModified, List<Mirror> mirrors) {
    return new ResumeState(url, length, etag, lastModified, done, mirrors);
  }

  /** Writes the state beside the part file: temp file, then atomic rename. */
  public void save(Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hoard", VERSION);
    m.put("url", url);
    m.put("length", length);
    if (etag != null) m.put("etag", etag);
    if (lastModified != null) m.put("lastModified", lastModified);
    List<List<Long>> ranges = new ArrayList<>();
    for (ByteRange r : done) ranges.add(List.of(r.start(), r.end()));
    m.put("done", ranges);
    if (!mirrors.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Mirror mirror : mirrors) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("url", mirror.url());
        if (mirror.etag() != null) one.put("etag", mirror.etag());
        if (mirror.lastModified() != null) one.put("lastModified", mirror.lastModified());
        list.add(one);
      }
      m.put("mirrors", list);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    // a stale temp file, or a symbolic link planted under its name, is removed, never written through
    Files.deleteIfExists(tmp);
    Files.write(tmp, JSON.std.asBytes(m), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The result of reading a state file: the state, or why it cannot be used. */
  public record Loaded(ResumeState state, String problem) {}

  /**
   * Reads and checks a state file against the URL it must be for and the part file's size. Absent: both fields null.
   * Corrupt, truncated, foreign or claiming bytes past the part file's end: a problem, and no state.
   */
  public static Loaded load(Path file, String expectedUrl, long partSize) {
    byte[] bytes;
    try {
      BasicFileAttributes found = Files.readAttributes(file, BasicFileAttributes.class);
      // a FIFO (or a link to one, or to a device) planted under the state's name would block the read for ever
      if (!found.isRegularFile()) return bad("it is not a regular file");
      if (found.size() > MAX_BYTES) return bad("it is larger than any state hoard writes");
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(null, null);
    } catch (IOException e) {
      return new Loaded(null, "cannot read resume state: " + e.getMessage());
    }
    try {
      Object parsed = JSON.std.anyFrom(new String(bytes, StandardCharsets.UTF_8));
      if (!(parsed instanceof Map<?, ?> m)) return bad("not a JSON object");
      if (!Objects.equals(number(m.get("hoard")), (long) VERSION)) return bad("unknown version");
      if (!(m.get("url") instanceof String url)) return bad("no url");
      if (!url.equals(expectedUrl)) return bad("it is for another URL (" + url + ")");
      Long length = number(m.get("length"));
      if (length == null || length < -1) return bad("bad length");
      if (!(m.get("done") instanceof List<?> list)) return bad("no ranges");
      List<ByteRange> done = new ArrayList<>();
      long at = 0;
      for (Object o : list) {
        if (!(o instanceof List<?> pair) || pair.size() != 2) return bad("bad range");
        Long s = number(pair.get(0));
        Long e = number(pair.get(1));
        if (s == null || e == null || s < at || e <= s || (length >= 0 && e > length)) return bad("bad range");
        if (e > partSize) return bad("it claims bytes the part file does not have");
        if (length < 0 && s != 0) return bad("bad range");
        done.add(new ByteRange(s, e));
        at = e;
      }
      List<Mirror> mirrors = new ArrayList<>();
      Object listed = m.get("mirrors");
      if (listed != null) {
        if (!(listed instanceof List<?> all)) return bad("bad mirrors");
        for (Object o : all) {
          if (!(o instanceof Map<?, ?> one) || !(one.get("url") instanceof String mirrorUrl)) return bad("bad mirror");
          mirrors.add(new Mirror(mirrorUrl, string(one.get("etag")), string(one.get("lastModified"))));
        }
      }
      return new Loaded(new ResumeState(url, length, string(m.get("etag")), string(m.get("lastModified")), done,
          mirrors), null);
    } catch (IOException | RuntimeException e) {
      return bad("unreadable (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Loaded bad(String why) {
    return new Loaded(null, "resume state unusable, starting over: " + why);
  }

  private static Long number(Object o) {
    return o instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : null;
  }

  private static String string(Object o) {
    return o instanceof String s ? s : null;
  }
}

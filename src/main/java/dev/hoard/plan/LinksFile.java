package dev.hoard.plan;

import dev.hoard.url.Redact;
import dev.hoard.url.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * Streams a links file: one URL per line (or several URLs of one file: its mirrors), then optional {@code out=NAME}
 * and {@code sha256=HEX}; blank lines and {@code #} comments skipped. Yields a {@link Job} or a {@link LineError} per
 * line, reading only as far as asked; each line is read on its own ({@link LineReader}), so a line of bad bytes or
 * past 64 KiB is one bad line.
 */
public final class LinksFile implements Iterator<LinksFile.Entry> {
  /** What one line of the file gave. */
  public sealed interface Entry permits Job, LineError {}

  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  /** The start of an option: a bare key and {@code =}. A URL has a {@code /}, {@code .} or {@code :} before any. */
  private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9_-]*=.*");

  private final LineReader reader;
  private final String source;
  private int lineNo;
  private Entry next;

  /** @param source how messages name the file: {@code links.txt}, or {@code stdin} */
  public LinksFile(InputStream in, String source) {
    this.reader = new LineReader(in);
    this.source = source;
  }

  @Override
  public boolean hasNext() {
    if (next != null) return true;
    try {
      LineReader.Line read;
      while ((read = reader.next()) != null) {
        lineNo++;
        if (read.problem() != null) {
          if (read.comment()) continue;
          next = new LineError(source, lineNo, read.problem());
          return true;
        }
        String line = read.text();
        // editors on Windows start a UTF-8 file with a byte order mark, which is not part of the first URL; lists
        // joined with cat keep each file's mark at the start of its first line
        if (line.startsWith("\ufeff")) line = line.substring(1);
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) continue;
        next = parse(t, source, lineNo);
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(source + ":" + lineNo + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public Entry next() {
    if (!hasNext()) throw new NoSuchElementException();
    Entry e = next;
    next = null;
    return e;
  }

  /**
   * Whether the word at {@code index} of a line is one of its URLs: the first word is; a later one is a mirror when it
   * has a path ({@code /}) and is not an option ({@code key=value}).
   */
  static boolean isUrl(String word, int index) {
    return index == 0 || word.indexOf('/') >= 0 && !OPTION.matcher(word).matches();
  }

  /** Parses one non-blank, non-comment line. */
  static Entry parse(String line, String source, int lineNo) {
    String[] words = SPACE.split(line);
    if (words.length > 0 && OPTION.matcher(words[0]).matches() && words[0].indexOf('/') < 0) {
      // aria2's input files put a file's options on indented lines of their own
      return new LineError(source, lineNo, "option '" + words[0] + "' on a line of its own: options go on their"
          + " URL's line, after it (URL out=NAME)");
    }
    List<URI> urls = new ArrayList<>(1);
    int i = 0;
    for (; i < words.length && isUrl(words[i], i); i++) {
      URI url;
      try {
        url = Urls.parseHttp(words[i]);
      } catch (IllegalArgumentException e) {
        return new LineError(source, lineNo, i == 0 ? e.getMessage() : "mirror " + e.getMessage());
      }
      // the same URL twice on a line is one mirror
      if (!urls.contains(url)) urls.add(url);
    }
    String out = null;
    String sha = null;
    for (; i < words.length; i++) {
      String w = words[i];
      if (isUrl(w, i)) {
        return new LineError(source, lineNo, "URL '" + Redact.url(w) + "' after the options: list a line's URLs first");
      }
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      String value = eq < 0 ? null : w.substring(eq + 1);
      switch (key) {
        case "out" -> {
          if (!OutName.bare(value)) {
            return new LineError(source, lineNo, "bad out= value '" + value + "': " + OutName.NEEDED);
          }
          out = value;
        }
        case "sha256" -> {
          if (value == null || !HEX64.matcher(value).matches()) {
            return new LineError(source, lineNo, "bad sha256= value '" + value + "': 64 hex digits are needed");
          }
          sha = value.toLowerCase(Locale.ROOT);
        }
        default -> {
          return new LineError(source, lineNo, eq < 0
              ? "unexpected '" + w + "' after the URL (options are key=value: out=, sha256=)"
              : "unknown key '" + key + "' (known: out, sha256)");
        }
      }
    }
    return Job.listed(urls, out, sha);
  }
}

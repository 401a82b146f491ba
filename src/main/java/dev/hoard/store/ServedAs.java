package dev.hoard.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Locale;

/**
 * What the server said of a finished file that its bytes alone do not: its {@code Content-Type} (the charset a page is
 * written in; that {@code /theme} is a stylesheet) and the URL that answered after redirects (where the relative links
 * of a page lead). A rerun of a crawl reads the links of a saved page as the run that fetched it did. Recorded in the
 * extended attributes {@code user.mime_type} (freedesktop's name, as {@code wget2 --xattr} writes it) and
 * {@code user.hoard.url} (only when a redirect led elsewhere); a page {@code --convert-links} rewrote also keeps the size
 * it had as served ({@code user.hoard.size}), which {@code -N} compares with the server's. Where the file system keeps
 * no extended attributes nothing is recorded, and a saved page is read as its URL and its bytes alone say.
 *
 * @param size the size the file had as served when its bytes were rewritten since, or -1
 */
public record ServedAs(String contentType, URI finalUrl, long size) {
  static final String TYPE = "mime_type";
  static final String URL = "hoard.url";
  static final String SIZE = "hoard.size";

  /** Longer values are not worth keeping (nor reading back from a file someone else marked). */
  private static final int MAX_BYTES = 16 * 1024;

  /** Nothing recorded. */
  public static final ServedAs NONE = new ServedAs(null, null, -1);

  /**
   * Records on {@code file} its {@code contentType} and, when it is not {@code url}, the {@code finalUrl} that
   * answered; best effort: a file system that keeps no extended attributes records nothing.
   */
  public static void record(Path file, String contentType, URI url, URI finalUrl) {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) return;
    // credentials are never written down: such a page's links resolve against its own URL
    boolean redirected = finalUrl != null && !finalUrl.equals(url) && finalUrl.getRawUserInfo() == null;
    // each attribute costs the JDK an open of the file by its path: a file no crawl reads (a .bin of a list) gets none
    if (!redirected && !readable(contentType)) return;
    try {
      if (contentType != null) write(view, TYPE, contentType);
      if (redirected) {
        write(view, URL, finalUrl.toString());
      } else if (view.list().contains(URL)) {
        // a part resumed from a run that was redirected elsewhere
        view.delete(URL);
      }
    } catch (IOException | UnsupportedOperationException noAttributesHere) {
      // nothing recorded: a rerun reads the page as its URL and bytes say
    }
  }

  /** Whether a file of {@code contentType} may be read for links: text, markup and stylesheets. */
  private static boolean readable(String contentType) {
    if (contentType == null) return false;
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/") || t.contains("html") || t.contains("xml") || t.contains("css") || t.contains("svg");
  }

  private static void write(UserDefinedFileAttributeView view, String name, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_BYTES) view.write(name, ByteBuffer.wrap(bytes));
  }

  /** What {@code file} records; {@link #NONE} when nothing. */
  public static ServedAs of(Path file) {
    if (FileOrigin.special(file)) return NONE;
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) return NONE;
    String type = read(view, TYPE);
    String url = read(view, URL);
    URI finalUrl = null;
    if (url != null) {
      try {
        finalUrl = new URI(url);
        String scheme = finalUrl.getScheme();
        if (finalUrl.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
          finalUrl = null;
        }
      } catch (URISyntaxException notOurs) {
        finalUrl = null;
      }
    }
    long size = -1;
    String served = read(view, SIZE);
    if (served != null && served.matches("[0-9]{1,18}")) size = Long.parseLong(served);
    return type == null && finalUrl == null && size < 0 ? NONE : new ServedAs(type, finalUrl, size);
  }

  private static String read(UserDefinedFileAttributeView view, String name) {
    try {
      int size = view.size(name);
      if (size > MAX_BYTES) return null;
      ByteBuffer buf = ByteBuffer.allocate(size);
      view.read(name, buf);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (IOException | UnsupportedOperationException none) {
      return null;
    }
  }

  /**
   * Copies what {@code from} records to {@code to}, a file with other bytes that takes its place; {@code from}'s own
   * size, unless it records the one it was served with.
   */
  static void copy(Path from, Path to) throws IOException {
    ServedAs s = of(from);
    long size = s.size() >= 0 ? s.size() : Files.size(from);
    UserDefinedFileAttributeView view = Files.getFileAttributeView(to, UserDefinedFileAttributeView.class);
    if (view == null) return;
    try {
      if (s.contentType() != null) write(view, TYPE, s.contentType());
      if (s.finalUrl() != null) write(view, URL, s.finalUrl().toString());
      write(view, SIZE, Long.toString(size));
    } catch (IOException | UnsupportedOperationException noAttributesHere) {
      // nothing recorded
    }
  }
}

package dev.hoard.crawl;

import dev.hoard.url.UrlNormalizer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@code --convert-links} makes of the links of one saved file, as wget {@code -k} does: a link to a file saved
 * in the download folder points to it by relative path, its fragment kept; a link to anything else becomes its
 * absolute URL (one already absolute is left as written); the {@code <base href>} is emptied, since the links it
 * served now resolve without it. Use as the replacement function of {@link LinkRewriter}.
 *
 * <table>
 *   <caption>link of {@code h/a/b/page.html} → replacement</caption>
 *   <tr><td>{@code /a/c/x.png}, saved at {@code h/a/c/x.png}</td><td>{@code ../c/x.png}</td></tr>
 *   <tr><td>{@code x.html#part}, saved at {@code h/a/b/x.html}</td><td>{@code x.html#part}: unchanged, so null</td></tr>
 *   <tr><td>{@code list?p=2&s=a}, saved at {@code h/a/b/list@p=2&s=a}</td><td>{@code list@p=2&s=a}</td></tr>
 *   <tr><td>{@code /menu}, saved at {@code h/café menu.html}</td><td>{@code ../../caf%C3%A9%20menu.html}</td></tr>
 *   <tr><td>{@code other.html}, not saved</td><td>{@code http://h/a/b/other.html}</td></tr>
 *   <tr><td>{@code //cdn.test/x.js}, not saved</td><td>{@code http://cdn.test/x.js}</td></tr>
 *   <tr><td>{@code https://cdn.test/x.js}, not saved</td><td>null (left as written)</td></tr>
 *   <tr><td>{@code <base href="http://h/">}</td><td>empty</td></tr>
 * </table>
 */
public final class MirrorLinks implements Function<Link, String> {
  private static final String HEX = "0123456789ABCDEF";

  private final Path file;
  private final Function<URI, Path> saved;

  /**
   * The replacements for the links of {@code file}.
   *
   * @param file where the file being rewritten lies, relative to the download folder ({@code h/a/b/page.html})
   * @param saved where the copy of a URL (in {@link UrlNormalizer} form) lies, relative to the download folder, or
   *     null when the folder holds none
   */
  public MirrorLinks(Path file, Function<URI, Path> saved) {
    this.file = checked(Objects.requireNonNull(file, "file"));
    this.saved = Objects.requireNonNull(saved, "saved");
  }

  /** The new value of {@code link}, or null to leave it as it is. */
  @Override
  public String apply(Link link) {
    if (link.kind() == Link.Kind.BASE) return "";
    String fragment = link.fragment() == null ? "" : "#" + link.fragment();
    Path local = saved.apply(link.url());
    String out;
    if (local != null) {
      out = relativePath(file, local) + fragment;
    } else if (isAbsolute(link.value())) {
      return null;
    } else {
      out = link.url().toString() + fragment;
    }
    return out.equals(link.value()) ? null : out;
  }

  /**
   * The relative URL that leads from {@code fromFile} to {@code toFile}, both relative to one folder: {@code ../} for
   * each folder of {@code fromFile} not shared, then the rest of {@code toFile}, each name percent-encoded as UTF-8
   * where a URL path needs it ({@code %}, spaces, {@code ?}, {@code #}, {@code :}, non-ASCII…).
   *
   * <table>
   *   <caption>from, to → path</caption>
   *   <tr><td>{@code h/a/b/page.html}, {@code h/a/c/x.png}</td><td>{@code ../c/x.png}</td></tr>
   *   <tr><td>{@code h/a/page.html}, {@code h/a/b/c/x.png}</td><td>{@code b/c/x.png}</td></tr>
   *   <tr><td>{@code h/page.html}, {@code h/page.html}</td><td>{@code page.html}</td></tr>
   *   <tr><td>{@code h/index.html}, {@code cdn.test:8080/x.js}</td><td>{@code ../cdn.test%3A8080/x.js}</td></tr>
   *   <tr><td>{@code h/a/index.html}, {@code h/index.html@q=a%2Fb}</td><td>{@code ../index.html@q=a%252Fb}</td></tr>
   *   <tr><td>{@code page.html}, {@code a b/c#d.png}</td><td>{@code a%20b/c%23d.png}</td></tr>
   * </table>
   *
   * @throws IllegalArgumentException when either path is absolute or holds {@code .} or {@code ..}
   */
  public static String relativePath(Path fromFile, Path toFile) {
    checked(fromFile);
    checked(toFile);
    int fromFolders = fromFile.getNameCount() - 1;
    int toFolders = toFile.getNameCount() - 1;
    int common = 0;
    while (common < fromFolders && common < toFolders && fromFile.getName(common).equals(toFile.getName(common))) {
      common++;
    }
    StringBuilder b = new StringBuilder();
    for (int i = common; i < fromFolders; i++) b.append("../");
    for (int i = common; i < toFile.getNameCount(); i++) {
      if (i > common) b.append('/');
      b.append(encode(toFile.getName(i).toString()));
    }
    return b.toString();
  }

  private static Path checked(Path p) {
    if (p.isAbsolute() || p.getNameCount() == 0 || p.toString().isEmpty()) {
      throw new IllegalArgumentException("not a path relative to the download folder: " + p);
    }
    for (Path name : p) {
      if (name.toString().equals(".") || name.toString().equals("..")) {
        throw new IllegalArgumentException("not a plain path inside the download folder: " + p);
      }
    }
    return p;
  }

  /** Whether {@code value} is already an absolute http(s) URL, which wget leaves as written too. */
  private static boolean isAbsolute(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.startsWith("http://") || v.startsWith("https://");
  }

  /** A file name as a URL path segment: unreserved characters and sub-delimiters kept, the rest as UTF-8 escapes. */
  private static String encode(String name) {
    StringBuilder b = new StringBuilder(name.length() + 8);
    for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=@".indexOf(c) >= 0;
      if (keep) b.append((char) c);
      else b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
    }
    return b.toString();
  }
}

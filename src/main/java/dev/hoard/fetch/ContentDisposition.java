package dev.hoard.fetch;

import dev.hoard.url.Percent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name a {@code Content-Disposition} header offers: {@code filename*=UTF-8''...} (RFC 6266/5987) before
 * {@code filename="..."}. Only the last path segment is kept; the caller still makes it safe.
 */
public final class ContentDisposition {
  private ContentDisposition() {}

  private static final Pattern EXTENDED = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED = Pattern.compile("filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern TOKEN = Pattern.compile("filename\\s*=\\s*([^;\\s\"]+)", Pattern.CASE_INSENSITIVE);

  /** The offered name, decoded, without any folder part; null when the header offers none. */
  public static String filename(String header) {
    if (header == null) return null;
    String name = null;
    Matcher m = EXTENDED.matcher(header);
    if (m.find()) {
      Charset cs;
      try {
        cs = m.group(1).isBlank() ? StandardCharsets.UTF_8 : Charset.forName(m.group(1).trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        cs = StandardCharsets.UTF_8;
      }
      name = Percent.decode(m.group(2), cs);
    } else if ((m = QUOTED.matcher(header)).find()) {
      name = m.group(1).replaceAll("\\\\(.)", "$1");
    } else if ((m = TOKEN.matcher(header)).find()) {
      name = m.group(1);
    }
    if (name == null) return null;
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(cut + 1);
    return name.isBlank() ? null : name;
  }
}

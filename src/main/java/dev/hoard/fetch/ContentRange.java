package dev.hoard.fetch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range: bytes FIRST-LAST/TOTAL} header; {@code total} is -1 for {@code *}.
 */
public record ContentRange(long first, long last, long total) {
  private static final Pattern FORM = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*", Pattern.CASE_INSENSITIVE);

  /** Parses the header, or returns null when it is absent or malformed. */
  public static ContentRange parse(String header) {
    if (header == null) return null;
    Matcher m = FORM.matcher(header);
    if (!m.matches()) return null;
    try {
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
      if (last < first || (total >= 0 && last >= total)) return null;
      return new ContentRange(first, last, total);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

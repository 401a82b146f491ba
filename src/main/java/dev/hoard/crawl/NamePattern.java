package dev.hoard.crawl;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of an {@code -A} or {@code -R} list, matched as wget does against a file name, ignoring case: a glob when
 * it holds {@code *}, {@code ?} or {@code [}, otherwise a suffix.
 *
 * <table>
 *   <caption>entry, name → matches</caption>
 *   <tr><td>{@code pdf}</td><td>{@code a.PDF} → yes; {@code xpdf} → yes (a plain suffix, as in wget)</td></tr>
 *   <tr><td>{@code .pdf}</td><td>{@code a.pdf} → yes; {@code xpdf} → no</td></tr>
 *   <tr><td>{@code *.pdf}</td><td>{@code a.pdf} → yes; {@code a.pdf.html} → no</td></tr>
 *   <tr><td>{@code img-*}</td><td>{@code IMG-01.jpg} → yes; {@code my-img-01.jpg} → no</td></tr>
 *   <tr><td>{@code file?.[ct]xt}</td><td>{@code file1.txt} → yes; {@code file10.txt} → no</td></tr>
 *   <tr><td>{@code [!a]*}</td><td>{@code b.zip} → yes; {@code a.zip} → no</td></tr>
 * </table>
 */
record NamePattern(String entry, Pattern glob) {

  /** The pattern of one list entry (already split at commas and trimmed). */
  static NamePattern of(String entry) {
    boolean isGlob = entry.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    return new NamePattern(entry.toLowerCase(Locale.ROOT), isGlob ? compile(entry) : null);
  }

  /** Whether {@code name}, a file name without folder or query, matches. */
  boolean matches(String name) {
    if (glob != null) return glob.matcher(name).matches();
    return name.toLowerCase(Locale.ROOT).endsWith(entry);
  }

  /** fnmatch(3) without {@code FNM_PATHNAME}: {@code *}, {@code ?}, {@code [...]} and {@code [!...]}. */
  private static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i + 1;
        boolean negate = j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^');
        if (negate) j++;
        // a ']' straight after '[' or '[!' belongs to the set, as in fnmatch
        int close = glob.indexOf(']', j + 1);
        if (close < 0) {
          re.append(Pattern.quote("["));
          continue;
        }
        re.append(negate ? "[^" : "[");
        glob.substring(j, close).chars().forEach(x -> re.append("\\[]&^".indexOf(x) >= 0 ? "\\" : "").append((char) x));
        re.append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }
}

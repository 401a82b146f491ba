package dev.hoard.url;

import java.lang.Character.UnicodeScript;
import java.net.IDN;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Internationalised host names, both ways: the punycode form that goes on the wire (connection, {@code Host}
 * header), and the form shown to people, which is Unicode unless a label mixes scripts the way a lookalike does
 * ({@code pаypal} with a Cyrillic {@code а}), or that under a Latin top-level domain is written only in Cyrillic
 * letters that look Latin ({@code аррӏе.com}): such a host is shown in punycode, never in a form that spoofs another.
 *
 * <table>
 *   <caption>host → wire, shown</caption>
 *   <tr><td>{@code bücher.example}</td><td>{@code xn--bcher-kva.example}, {@code bücher.example}</td></tr>
 *   <tr><td>{@code BÜCHER.Example}</td><td>{@code xn--bcher-kva.example}, {@code bücher.example}</td></tr>
 *   <tr><td>{@code пример.рф}</td><td>{@code xn--e1afmkfd.xn--p1ai}, {@code пример.рф} (one script a label)</td></tr>
 *   <tr><td>{@code 東京タワー.jp}</td><td>punycode, Unicode (Han and Katakana: written together in Japanese)</td></tr>
 *   <tr><td>{@code pаypal.example} (Cyrillic а)</td><td>{@code xn--pypal-4ve.example}, the same punycode</td></tr>
 *   <tr><td>{@code аррӏе.com} (all Cyrillic)</td><td>{@code xn--80ak6aa92e.com}, the same punycode</td></tr>
 *   <tr><td>{@code example.org}, {@code 127.0.0.1}, {@code [::1]}</td><td>unchanged both ways</td></tr>
 * </table>
 */
public final class HostName {
  private HostName() {}

  /**
   * The host as it goes on the wire: each non-ASCII label in punycode (lower case); an ASCII host as it is.
   *
   * @throws IllegalArgumentException when the host is not a valid internationalised name
   */
  public static String ascii(String host) {
    if (host.chars().allMatch(c -> c < 0x80)) return host;
    return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
  }

  /** The host as people should see it: Unicode where that cannot pass for another name, else as on the wire. */
  public static String shown(String host) {
    if (host == null || !host.toLowerCase(Locale.ROOT).contains("xn--")) return host;
    String unicode;
    try {
      unicode = IDN.toUnicode(host.toLowerCase(Locale.ROOT), IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return host;
    }
    String[] labels = unicode.split("\\.", -1);
    boolean asciiTop = labels[labels.length - 1].chars().allMatch(c -> c < 0x80);
    for (String label : labels) {
      if (!singleScript(label) || asciiTop && latinLookalike(label)) return host;
    }
    return unicode;
  }

  // Cyrillic letters drawn as Latin ones: a label of nothing else reads as a Latin word (аррӏе, "apple")
  private static final String CYRILLIC_AS_LATIN = "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455"
      + "\u04bb\u0501\u04cf\u051b\u051d\u044a\u044c\u04bd\u043f\u0433\u0475\u0461";

  /**
   * Whether {@code label} is Cyrillic made only of letters that look Latin: under a Latin top-level domain it
   * passes for a Latin name, which is how whole-script spoofs are made.
   */
  static boolean latinLookalike(String label) {
    if (label.isEmpty() || label.chars().allMatch(c -> c < 0x80)) return false;
    return label.codePoints().allMatch(c -> c == '-' || c >= '0' && c <= '9' || CYRILLIC_AS_LATIN.indexOf(c) >= 0);
  }

  /**
   * The URL text with its host {@link #shown}: {@code http://xn--bcher-kva.example/f} → {@code http://bücher.example/f}.
   */
  static String shownIn(String url) {
    return withHost(url, HostName::shown);
  }

  /**
   * {@code url} with its host (after {@code ://} and any user info, before the port, path, query or fragment) made
   * over by {@code change}; the text as it is when it has no host or an IPv6 literal, or the host does not change.
   */
  static String withHost(String url, UnaryOperator<String> change) {
    int start = url.indexOf("://");
    if (start < 0) return url;
    start += 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
    int hostStart = Math.max(start, url.lastIndexOf('@', end - 1) + 1);
    if (hostStart < end && url.charAt(hostStart) == '[') return url;
    int colon = url.indexOf(':', hostStart);
    int hostEnd = colon < 0 || colon > end ? end : colon;
    String host = url.substring(hostStart, hostEnd);
    String changed = change.apply(host);
    return changed.equals(host) ? url : url.substring(0, hostStart) + changed + url.substring(hostEnd);
  }

  // the mixes a single writing system uses (Unicode TS #39, "highly restrictive"); Latin may join each of them
  private static final Set<UnicodeScript> JAPANESE = EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA,
      UnicodeScript.KATAKANA, UnicodeScript.LATIN);
  private static final Set<UnicodeScript> CHINESE = EnumSet.of(UnicodeScript.HAN, UnicodeScript.BOPOMOFO,
      UnicodeScript.LATIN);
  private static final Set<UnicodeScript> KOREAN = EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL,
      UnicodeScript.LATIN);

  /** Whether the letters of {@code label} come from one script, or from one of the mixes a language writes. */
  static boolean singleScript(String label) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    label.codePoints().forEach(c -> {
      UnicodeScript s = UnicodeScript.of(c);
      if (s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED && s != UnicodeScript.UNKNOWN) scripts.add(s);
    });
    return scripts.size() <= 1 || JAPANESE.containsAll(scripts) || CHINESE.containsAll(scripts)
        || KOREAN.containsAll(scripts);
  }
}

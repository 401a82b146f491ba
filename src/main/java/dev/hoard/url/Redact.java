package dev.hoard.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A URL as it is shown, wherever that is: its password hidden ({@code https://user:***@host/}), and its host as
 * {@link HostName#shown} (an internationalised name in Unicode unless it could spoof another).
 */
public final class Redact {
  private Redact() {}

  // the user-info runs to the last '@' before the path: a password may hold an '@' of its own
  private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)@");

  /** The URL text with any password in its user-info replaced by {@code ***}. */
  public static String url(String url) {
    if (url == null) return null;
    return HostName.shownIn(withoutPassword(url));
  }

  private static String withoutPassword(String url) {
    // no '@', no user-info: most URLs, shown several times each, skip the pattern
    if (url.indexOf('@') < 0) return url;
    var m = USERINFO.matcher(url);
    if (!m.find()) return unparsed(url);
    String info = m.group(2);
    int colon = info.indexOf(':');
    // a lone user-info is often a token, so it is hidden whole
    String shown = colon < 0 ? "***" : info.substring(0, colon) + ":***";
    return m.group(1) + shown + "@" + url.substring(m.end());
  }

  /**
   * Text that is not a well-formed URL, as a bad line of a links file: a password holding a raw {@code #}, {@code /}
   * or {@code ?} ends the authority early for a parser, so everything from {@code user:} to the last {@code @} before
   * any later {@code /} goes. Over-hiding a malformed URL in an error message is the safe side.
   */
  private static String unparsed(String text) {
    int scheme = text.indexOf("://");
    if (scheme < 0) return text;
    int start = scheme + 3;
    int colon = text.indexOf(':', start);
    int at = text.lastIndexOf('@');
    if (colon < 0 || at < colon) return text;
    try {
      // a URL with a real host and '@' only after its authority has no user-info to hide
      if (new URI(text).getHost() != null) return text;
    } catch (URISyntaxException malformed) {
      // hide below
    }
    return text.substring(0, colon + 1) + "***" + text.substring(at);
  }

  public static String url(URI url) {
    return url == null ? null : url(url.toString());
  }
}

package dev.hoard.report;

import java.net.URI;
import java.util.regex.Pattern;

/** Hides the password of a URL wherever a URL is shown: {@code https://user:***@host/}. */
public final class Redact {
  private Redact() {}

  // the user-info runs to the last '@' before the path: a password may hold an '@' of its own
  private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)@");

  /** The URL text with any password in its user-info replaced by {@code ***}. */
  public static String url(String url) {
    if (url == null) return null;
    var m = USERINFO.matcher(url);
    if (!m.find()) return url;
    String info = m.group(2);
    int colon = info.indexOf(':');
    // a lone user-info is often a token, so it is hidden whole
    String shown = colon < 0 ? "***" : info.substring(0, colon) + ":***";
    return m.group(1) + shown + "@" + url.substring(m.end());
  }

  public static String url(URI url) {
    return url == null ? null : url(url.toString());
  }
}

package dev.hoard.fetch;

import dev.hoard.url.Origin;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Headers that belong to one origin (scheme, host, port): the {@code -H} headers and the credentials of a listed
 * URL. They are sent only to that origin, never to a host a redirect or a crawled link leads to.
 */
public record HomeHeaders(String origin, List<Header> headers) {
  public HomeHeaders {
    Objects.requireNonNull(origin, "origin");
    headers = List.copyOf(headers);
  }

  /** The headers for {@code url}: each {@code -H} header, and Basic credentials when the URL carries user-info. */
  public static HomeHeaders of(URI url, List<Header> extra) {
    List<Header> all = new ArrayList<>(extra);
    String info = url.getRawUserInfo();
    // a user without a password is a netrc lookup (Netrc.authorization), not Basic credentials of their own
    if (info != null && info.indexOf(':') >= 0) {
      String decoded = URLDecoder.decode(info.replace("+", "%2B"), StandardCharsets.UTF_8);
      all.add(new Header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8))));
    }
    return new HomeHeaders(Origin.of(url).toString(), all);
  }

  public static HomeHeaders none() {
    return new HomeHeaders("", List.of());
  }

  boolean appliesTo(URI url) {
    return !headers.isEmpty() && origin.equals(Origin.of(url).toString());
  }
}

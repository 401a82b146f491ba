package dev.hoard.fetch;

import dev.hoard.url.Urls;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Puts a request's target on the wire in ASCII. To a proxy the target is the whole URL ({@code GET http://host/path}),
 * and HttpCore writes its host as its {@code Host} type holds it, which turns punycode back into Unicode
 * ({@code http://bücher.example/}): no proxy routes that. The host goes out in punycode, as in the {@code Host} header.
 */
final class AsciiTarget implements HttpRequestInterceptor {
  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
    String target = request.getRequestUri();
    if (target.chars().allMatch(c -> c < 0x80) || !(request instanceof BasicHttpRequest basic)) return;
    // the target written as it is, not assembled again from the host
    basic.setAbsoluteRequestUri(false);
    basic.setPath(Urls.asciiHost(target));
  }
}

package dev.hoard.crawl;

import java.util.Objects;

/**
 * One link in CSS text, a {@code url(...)} or an {@code @import} target, with where its raw text lies so a rewriter
 * can replace just that.
 *
 * @param value the link with CSS escapes resolved ({@code url(a\ b.png)} gives {@code a b.png}), not yet resolved
 *     against a base URL
 * @param start the offset in the CSS text of the first character of the raw value: just past the opening quote of a
 *     quoted one, past the spaces after {@code url(} of an unquoted one
 * @param end the offset just past the raw value's last character: the closing quote's offset for a quoted one
 * @param quote {@code "} or {@code '} for a quoted value, 0 for an unquoted {@code url(...)}
 * @param imported whether it is the target of an {@code @import}
 */
public record CssLink(String value, int start, int end, char quote, boolean imported) {
  public CssLink {
    Objects.requireNonNull(value, "value");
    if (start < 0 || end < start) throw new IllegalArgumentException("not a range: " + start + ".." + end);
    if (quote != 0 && quote != '"' && quote != '\'') throw new IllegalArgumentException("not a quote: " + quote);
  }
}

package dev.hoard.crawl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code srcset} attribute into its candidate URLs, following the HTML standard's parsing algorithm, so a
 * comma inside a URL ({@code a,b.png 2x}) or inside a descriptor's parentheses does not cut a candidate in two.
 *
 * <table>
 *   <caption>input → output</caption>
 *   <tr><td>{@code a.png 1x, b.png 2x}</td><td>{@code a.png}, {@code b.png}</td></tr>
 *   <tr><td>{@code a.png 1x,b.png 2x}</td><td>{@code a.png}, {@code b.png}</td></tr>
 *   <tr><td>{@code a.png,, b.png}</td><td>{@code a.png}, {@code b.png}</td></tr>
 *   <tr><td>{@code a.png,b.png} (no space: one URL, as browsers read it)</td><td>{@code a.png,b.png}</td></tr>
 *   <tr><td>{@code w_100,h_50/x.jpg 100w}</td><td>{@code w_100,h_50/x.jpg}</td></tr>
 *   <tr><td>{@code a.png foo(1,2), b.png}</td><td>{@code a.png}, {@code b.png}</td></tr>
 *   <tr><td>{@code ""}, {@code " , "}</td><td>nothing</td></tr>
 * </table>
 */
final class Srcset {
  private Srcset() {}

  /** Where a candidate URL lies in the attribute value: {@code [start, end)}. */
  record Span(int start, int end) {}

  /** The candidate URLs of {@code srcset}, unresolved, in order. */
  static List<String> urls(String srcset) {
    return spans(srcset).stream().map(s -> srcset.substring(s.start(), s.end())).toList();
  }

  /** Where each candidate URL of {@code srcset} lies, in order. */
  static List<Span> spans(String srcset) {
    List<Span> out = new ArrayList<>();
    int i = 0;
    int n = srcset.length();
    while (i < n) {
      while (i < n && (isSpace(srcset.charAt(i)) || srcset.charAt(i) == ',')) i++;
      if (i >= n) break;
      int start = i;
      while (i < n && !isSpace(srcset.charAt(i))) i++;
      String url = srcset.substring(start, i);
      if (url.endsWith(",")) {
        // a trailing comma ends the candidate: it has no descriptors
        url = url.replaceAll(",+$", "");
      } else {
        i = skipDescriptors(srcset, i);
      }
      if (!url.isEmpty()) out.add(new Span(start, start + url.length()));
    }
    return out;
  }

  /** The index just past the comma that ends the descriptors starting at {@code i}, ignoring commas in parentheses. */
  private static int skipDescriptors(String s, int i) {
    boolean inParens = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') inParens = true;
      else if (c == ')') inParens = false;
      else if (c == ',' && !inParens) return i + 1;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}

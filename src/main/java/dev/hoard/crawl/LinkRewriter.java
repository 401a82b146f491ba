package dev.hoard.crawl;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Rewrites the links of a saved page or stylesheet ({@code --convert-links}) without re-serialising it: only the raw
 * text of the links that get a replacement changes; every other byte (white space, character references, comments,
 * scripts, letter case, quoting, bytes invalid in the charset) stays as the server sent it.
 *
 * <p>A replacement is written escaped for where it goes: as a character reference where HTML needs one ({@code &} as
 * {@code &amp;}, the attribute's quote), as a CSS escape inside {@code url()} or a CSS string, white space
 * percent-encoded in a {@code srcset} candidate, and characters the charset cannot hold as references or escapes.
 */
public final class LinkRewriter {
  private LinkRewriter() {}

  /**
   * The page {@code page} with its links replaced ({@link HtmlLinks} says which it finds).
   *
   * @param charset the page's charset ({@link HtmlLinks#charset} finds it)
   * @param pageUrl the URL the page was fetched from, which its relative links resolve against
   * @param replacement the new value of a link, unescaped; null to leave the link as it is
   * @return the new bytes, or {@code page} itself when no link changed
   */
  public static byte[] html(byte[] page, Charset charset, URI pageUrl, Function<Link, String> replacement) {
    DecodedText text = new DecodedText(page, charset);
    return rewrite(page, text, HtmlLinks.spots(text.text(), pageUrl), replacement);
  }

  /**
   * The stylesheet {@code sheet} with its links replaced ({@link CssLinks} says which it finds).
   *
   * @param charset the sheet's charset ({@link CssLinks#charset} finds it)
   * @param sheetUrl the URL the sheet was fetched from, which its relative links resolve against
   * @param replacement the new value of a link, unescaped; null to leave the link as it is
   * @return the new bytes, or {@code sheet} itself when no link changed
   */
  public static byte[] css(byte[] sheet, Charset charset, URI sheetUrl, Function<Link, String> replacement) {
    DecodedText text = new DecodedText(sheet, charset);
    List<LinkSpot> spots = new ArrayList<>();
    for (CssLink c : CssLinks.find(text.text())) {
      Link link = Link.resolve(c.value(), sheetUrl.toString(), Link.Kind.CSS);
      if (link != null) spots.add(new LinkSpot(link, c.start(), c.end(), Escaping.css(c.quote())));
    }
    return rewrite(sheet, text, spots, replacement);
  }

  private static byte[] rewrite(byte[] original, DecodedText text, List<LinkSpot> spots,
      Function<Link, String> replacement) {
    Objects.requireNonNull(replacement, "replacement");
    CharsetEncoder encoder = text.encoder();
    List<LinkSpot> sorted = new ArrayList<>(spots);
    sorted.sort(Comparator.comparingInt(LinkSpot::start));
    List<LinkSpot> edits = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int lastEnd = 0;
    for (LinkSpot s : sorted) {
      if (s.start() < lastEnd) continue;
      String value = replacement.apply(s.link());
      if (value == null) continue;
      edits.add(s);
      values.add(s.escaping().apply(value, encoder));
      lastEnd = s.end();
    }
    if (edits.isEmpty()) return original;

    int[] chars = new int[edits.size() * 2];
    for (int i = 0; i < edits.size(); i++) {
      chars[2 * i] = edits.get(i).start();
      chars[2 * i + 1] = edits.get(i).end();
    }
    int[] bytes = text.byteOffsets(chars);
    ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 64 * edits.size());
    int copied = 0;
    for (int i = 0; i < edits.size(); i++) {
      out.write(original, copied, bytes[2 * i] - copied);
      out.writeBytes(text.encode(values.get(i)));
      copied = bytes[2 * i + 1];
    }
    out.write(original, copied, original.length - copied);
    byte[] result = out.toByteArray();
    return Arrays.equals(result, original) ? original : result;
  }
}

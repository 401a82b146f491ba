package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlLinksTest {
  static final URI PAGE = URI.create("http://h.test/docs/page.html");

  @TempDir Path dir;

  /** {@code kind url} of each link of {@code html}, in order. */
  static List<String> links(String html) {
    return HtmlLinks.find(html, PAGE).stream().map(l -> l.kind() + " " + l.url()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # element                                              | kind and URL of its link
      <a href=x.html>                                        | PAGE http://h.test/docs/x.html
      <A HREF='x.html'>                                      | PAGE http://h.test/docs/x.html
      <area href="x.html">                                   | PAGE http://h.test/docs/x.html
      <link rel=stylesheet href=s.css>                       | REQUISITE http://h.test/docs/s.css
      <link rel="Shortcut Icon" href=/favicon.ico>           | REQUISITE http://h.test/favicon.ico
      <link rel=preload as=font href=f.woff2>                | REQUISITE http://h.test/docs/f.woff2
      <link rel=alternate href=feed.xml>                     | PAGE http://h.test/docs/feed.xml
      <link rel=next href=page2.html>                        | PAGE http://h.test/docs/page2.html
      <img src=i.png>                                        | REQUISITE http://h.test/docs/i.png
      <script src=/js/app.js></script>                       | REQUISITE http://h.test/js/app.js
      <iframe src=frame.html></iframe>                       | REQUISITE http://h.test/docs/frame.html
      <embed src=e.swf>                                      | REQUISITE http://h.test/docs/e.swf
      <object data=o.svg></object>                           | REQUISITE http://h.test/docs/o.svg
      <video poster=p.jpg></video>                           | REQUISITE http://h.test/docs/p.jpg
      <audio src=a.mp3></audio>                              | REQUISITE http://h.test/docs/a.mp3
      <video><track src=t.vtt></video>                       | REQUISITE http://h.test/docs/t.vtt
      <input type=image src=go.png>                          | REQUISITE http://h.test/docs/go.png
      <table background=bg.gif></table>                      | REQUISITE http://h.test/docs/bg.gif
      <svg><image href=s.png /></svg>                        | REQUISITE http://h.test/docs/s.png
      <svg><use xlink:href="sprite.svg#i"></use></svg>       | REQUISITE http://h.test/docs/sprite.svg
      <p style="background:url(p.png)">                      | CSS http://h.test/docs/p.png
      <style>@import "i.css";</style>                        | CSS http://h.test/docs/i.css
      <meta http-equiv=refresh content="0; url=next.html">   | PAGE http://h.test/docs/next.html
      <meta http-equiv=Refresh content="5;URL='n x.html'">   | PAGE http://h.test/docs/n%20x.html
      <meta http-equiv=refresh content="5">                  | ``
      <a href="mailto:x@h.test">                             | ``
      <a href="javascript:go()">                             | ``
      <a href="#top">                                        | ``
      <a href="">                                            | ``
      <a href>                                               | ``
      <img src="data:image/gif;base64,R0lGOD==">             | ``
      <a href=ftp://h.test/f>                                | ``
      <!-- <a href=c.html> -->                               | ``
      <script>var a = '<a href="s.html">';</script>          | ``
      <textarea><a href=t.html></textarea>                   | ``
      <p title="url(x.png)" data-src=y.png>                  | ``
      """)
  void findsTheLinksOfEachElementAndNothingElse(String html, String expected) {
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected), links(html));
  }

  @Test
  void readsEverySrcsetCandidate() {
    assertEquals(List.of(
        "REQUISITE http://h.test/docs/a.png",
        "REQUISITE http://h.test/docs/a-2x.png",
        "REQUISITE http://h.test/docs/b.webp"),
        links("<picture><source srcset='a.png 1x, a-2x.png 2x'><img srcset=\"b.webp\"></picture>"));
  }

  @Test
  void resolvesAgainstTheBaseButTheBaseAgainstThePage() {
    assertEquals(List.of(
        "BASE http://cdn.test/root/",
        "PAGE http://cdn.test/root/x.html",
        "CSS http://cdn.test/root/bg.png"),
        links("<head><base href='//cdn.test/root/'></head><a href=x.html style='background:url(bg.png)'>"));
  }

  @Test
  void keepsEntitiesOutOfTheValueAndTheFragmentApart() {
    List<Link> links = HtmlLinks.find("<a href='a.html?x=1&amp;y=2#sec&#116;ion'>", PAGE);
    assertEquals(1, links.size());
    assertEquals("a.html?x=1&y=2#section", links.get(0).value());
    assertEquals(URI.create("http://h.test/docs/a.html?x=1&y=2"), links.get(0).url());
    assertEquals("section", links.get(0).fragment());
  }

  @Test
  void spansTheRawTextOfEachValue() {
    String html = "<a href='a.html?x=1&amp;y=2'><img srcset=\"i.png?a&amp;b 1x, j.png 2x\">"
        + "<p style='b:url(&quot;p.png&quot;)'><style>q{b:url( s.png )}</style>";
    List<String> raw = HtmlLinks.spots(html, PAGE).stream().map(s -> html.substring(s.start(), s.end())).toList();
    assertEquals(List.of("a.html?x=1&amp;y=2", "i.png?a&amp;b", "j.png", "p.png", "s.png"), raw);
  }

  @Test
  void takesTheFirstOfTwoAttributesOfOneName() {
    assertEquals(List.of("PAGE http://h.test/docs/first.html"), links("<a href=first.html HREF=second.html>"));
  }

  @Test
  void findsLinksFarIntoALargePage() {
    String html = "<p>" + "x&amp;y\r\n".repeat(200_000) + "<a href=\"far.html\">far</a>";
    List<LinkSpot> spots = HtmlLinks.spots(html, PAGE);
    assertEquals(1, spots.size());
    assertEquals("far.html", html.substring(spots.get(0).start(), spots.get(0).end()));
  }

  @Test
  void extractsEachUrlAndKindOnceWithoutThePageItself() throws IOException {
    Path page = dir.resolve("page.html");
    Files.writeString(page, """
        <link rel=stylesheet href=s.css>
        <a href=s.css>the sheet</a><a href=s.css>again</a><a href=page.html#x>self</a>
        <p style="background:url(bg.png)"><img src=bg.png>
        """);
    assertEquals(List.of(
        "REQUISITE http://h.test/docs/s.css",
        "PAGE http://h.test/docs/s.css",
        "CSS http://h.test/docs/bg.png",
        "REQUISITE http://h.test/docs/bg.png"),
        HtmlLinks.extract(page, "text/html", PAGE).stream().map(l -> l.kind() + " " + l.url()).toList());
  }

  @Test
  void picksTheCharsetFromBomThenHeaderThenMetaThenUtf8() {
    byte[] meta = "<meta charset=iso-8859-2><p>x".getBytes(StandardCharsets.US_ASCII);
    byte[] httpEquiv = "<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] bom = {(byte) 0xFF, (byte) 0xFE, '<', 0};
    assertEquals(StandardCharsets.UTF_16LE, HtmlLinks.charset(bom, "text/html; charset=utf-8"));
    assertEquals(StandardCharsets.ISO_8859_1, HtmlLinks.charset(meta, "text/html; charset=iso-8859-1"));
    assertEquals(Charset.forName("ISO-8859-2"), HtmlLinks.charset(meta, "text/html"));
    assertEquals(Charset.forName("Shift_JIS"), HtmlLinks.charset(httpEquiv, null));
    assertEquals(StandardCharsets.UTF_8,
        HtmlLinks.charset("<meta charset=utf-16>".getBytes(StandardCharsets.US_ASCII), null));
    assertEquals(StandardCharsets.UTF_8,
        HtmlLinks.charset("<meta charset=no-such-charset>".getBytes(StandardCharsets.US_ASCII), null));
    assertEquals(StandardCharsets.UTF_8, HtmlLinks.charset(new byte[0], null));
  }

  @Test
  void readsTheCharsetOfAMetaLateInTheHeadOrInCapitalsButNotOfOneInAComment() {
    String filler = "<head><title>" + "t".repeat(3000) + "</title>";
    assertEquals(Charset.forName("ISO-8859-2"), HtmlLinks.charset(
        (filler + "<META CHARSET=iso-8859-2><p>x").getBytes(StandardCharsets.US_ASCII), null));
    assertEquals(Charset.forName("ISO-8859-2"), HtmlLinks.charset(
        (filler + "<meta charset=iso-8859-2><!-- <meta charset=shift_jis> --><p>x")
            .getBytes(StandardCharsets.US_ASCII), null));
    assertEquals(StandardCharsets.UTF_8, HtmlLinks.charset(
        (filler + "<!-- <meta charset=iso-8859-2> --><p>x").getBytes(StandardCharsets.US_ASCII), null));
    assertEquals(StandardCharsets.UTF_8, HtmlLinks.charset(
        (filler + "<p>no meta at all").getBytes(StandardCharsets.US_ASCII), null));
  }

  @ParameterizedTest(name = "[{0}] quoted with [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # value          | quote | written
      a.html?x=1&y=2   | "     | a.html?x=1&amp;y=2
      say "hi"         | "     | say &quot;hi&quot;
      it's             | "     | it's
      it's             | '     | it&#39;s
      say "hi"         | '     | say "hi"
      a<b>             | "     | a<b>
      `a b`            | 0     | a&#32;b
      a=b`c>           | 0     | a&#61;b&#96;c&#62;
      `it's "x"`       | 0     | it&#39;s&#32;&quot;x&quot;
      """)
  void escapesAnAttributeValueForItsQuoting(String value, String quote, String written) {
    char q = quote.equals("0") ? 0 : quote.charAt(0);
    assertEquals(written, HtmlLinks.escapeAttribute(value, q, null));
    String html = "<a href=" + (q == 0 ? "" : q) + written + (q == 0 ? "" : q) + ">";
    assertEquals(value, HtmlLinks.find(html, PAGE).get(0).value(), "reads back from " + html);
  }

  @Test
  void writesCharactersTheCharsetCannotHoldAsReferences() {
    assertEquals("caf&#233;", HtmlLinks.escapeAttribute("café", '"', StandardCharsets.US_ASCII.newEncoder()));
    assertEquals("café", HtmlLinks.escapeAttribute("café", '"', StandardCharsets.ISO_8859_1.newEncoder()));
  }

  @Test
  void leavesOutAnAttributeWhoseRawTextDoesNotReadAsItsValue() {
    // never the case with jsoup's ranges; the guard is what keeps a wrong range from corrupting a page
    assertNull(AttributeText.of("a&amp;b", "a&b-changed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<a href='a.html?x=1&amp;y=2#sec&#116;ion'>a</a><img src=i.png srcset='s1.png 1x, s&#50;.png 2x'>",
      "<div style=\"background: url('bg&#46;png')\"></div><style>@import 'x.css'; p { background: url(p.png) }</style>",
      "<meta http-equiv=refresh content='5; url=next.html'><link rel=stylesheet href=/s.css><base href=/b/>"
          + "<a href=rel.html>r</a>",
      "<svg><image xlink:href=pic.svg /><use href=#local /></svg><video src=v.mp4 poster=p.jpg></video>",
      "<a href='  spaced.html  '>x</a><a href='mailto:x@h'>m</a><a href=''>e</a><a href='#top'>t</a>"})
  void findsWithoutPositionsTheLinksFoundWithThem(String html) {
    assertEquals(HtmlLinks.spots(html, PAGE).stream().map(LinkSpot::link).toList(), HtmlLinks.find(html, PAGE));
  }
}

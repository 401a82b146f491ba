package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LinkRewriterTest {
  static final URI PAGE = URI.create("http://h.test/docs/page.html");
  static final Charset CP1252 = Charset.forName("windows-1252");

  /** Replaces the links whose URL is a key by its value, and records every link it was asked about. */
  static final class Table implements Function<Link, String> {
    final Map<String, String> byUrl;
    final List<String> asked = new ArrayList<>();

    Table(Map<String, String> byUrl) {
      this.byUrl = byUrl;
    }

    @Override public String apply(Link link) {
      String key = link.url() + (link.fragment() == null ? "" : "#" + link.fragment());
      asked.add(key);
      return byUrl.get(key);
    }
  }

  static final String PAGE_SOURCE = """
      <!DOCTYPE html>\r
      <HTML lang=en>\r
      <HEAD>
      <META http-equiv="Content-Type" content="text/html; charset=windows-1252">
      <LINK REL=stylesheet HREF=css/site.css   >
      <STYLE type="text/css">
        /* url(not-me.png) */
        BODY { background : URL(  "img/bg.png"  ) ; content: "url(nor-me.png)" }
      </STYLE>
      <script>var s = '<a href="not-me.html">'; if (a < b && c) {}</script>
      </HEAD>
      <body   BGCOLOR=white>
      <!-- <a href="commented.html"> -->
      <A HREF='a.html?x=1&amp;y=2'   class=x>caf\u00e9 &eacute;&nbsp;&#233;</A>
      <a href="mailto:x@h.test">mail</a> <a href="#top">top</a>
      <img SRC = "img/logo.png" srcset="img/logo.png 1x,   img/logo-2x.png  2x" alt="&lt;logo&gt;">
      <div style="background:url(&quot;img/d.png&quot;) ; color:red">\u00e9</div>
      <textarea><a href="not-me-either.html"></textarea>
      <meta http-equiv=refresh content="5; URL='next.html'">
      </body></html>
      """;

  @Test
  void changesOnlyTheBytesOfTheLinksItReplaces() {
    byte[] page = PAGE_SOURCE.getBytes(CP1252);
    Table table = new Table(Map.of(
        "http://h.test/docs/css/site.css", "../css/site.css",
        "http://h.test/docs/img/bg.png", "pics/b g.png",
        "http://h.test/docs/a.html?x=1&y=2", "a.html@x=1&y=2",
        "http://h.test/docs/img/logo-2x.png", "logo 2x.png",
        "http://h.test/docs/img/d.png", "d\"q.png",
        "http://h.test/docs/next.html", "http://h.test/docs/next.html"));

    byte[] out = LinkRewriter.html(page, CP1252, PAGE, table);

    String expected = PAGE_SOURCE
        .replace("HREF=css/site.css   >", "HREF=../css/site.css   >")
        .replace("URL(  \"img/bg.png\"  )", "URL(  \"pics/b g.png\"  )")
        .replace("HREF='a.html?x=1&amp;y=2'", "HREF='a.html@x=1&amp;y=2'")
        .replace("img/logo-2x.png  2x", "logo%202x.png  2x")
        .replace("url(&quot;img/d.png&quot;)", "url(&quot;d\\&quot;q.png&quot;)")
        .replace("URL='next.html'", "URL='http://h.test/docs/next.html'");
    assertEquals(expected, new String(out, CP1252));
    assertArrayEquals(expected.getBytes(CP1252), out);
    assertEquals(List.of(
        "http://h.test/docs/css/site.css",
        "http://h.test/docs/img/bg.png",
        "http://h.test/docs/a.html?x=1&y=2",
        "http://h.test/docs/img/logo.png",
        "http://h.test/docs/img/logo.png",
        "http://h.test/docs/img/logo-2x.png",
        "http://h.test/docs/img/d.png",
        "http://h.test/docs/next.html"), table.asked, "the links found, in document order");
  }

  @Test
  void returnsTheSameBytesWhenNoLinkChanges() {
    byte[] page = PAGE_SOURCE.getBytes(CP1252);
    assertSame(page, LinkRewriter.html(page, CP1252, PAGE, link -> null));
    assertSame(page, LinkRewriter.html(page, CP1252, PAGE, Link::value));
  }

  @Test
  void escapesForAnUnquotedAttributeWithoutAddingQuotes() {
    byte[] page = "<a href=x.html>x</a>".getBytes(StandardCharsets.UTF_8);
    byte[] out = LinkRewriter.html(page, StandardCharsets.UTF_8, PAGE, link -> "a b&c.html");
    assertEquals("<a href=a&#32;b&amp;c.html>x</a>", new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void keepsBytesThatAreNotValidInTheCharset() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
    b.writeBytes("<p>\u00e9</p><a href=old.html>".getBytes(StandardCharsets.UTF_8));
    b.writeBytes(new byte[] {(byte) 0x80, (byte) 0xE2, (byte) 0x82});
    b.writeBytes("</a><img src='i.png'>".getBytes(StandardCharsets.UTF_8));
    b.writeBytes(new byte[] {(byte) 0xF0});
    byte[] page = b.toByteArray();

    byte[] out = LinkRewriter.html(page, StandardCharsets.UTF_8, PAGE, link -> "new-" + link.value());

    byte[] expected = new String(page, StandardCharsets.ISO_8859_1)
        .replace("old.html", "new-old.html").replace("'i.png'", "'new-i.png'").getBytes(StandardCharsets.ISO_8859_1);
    assertArrayEquals(expected, out);
  }

  @Test
  void writesInTheCharsetOfThePageAndReferencesWhatItCannotHold() {
    String html = "<p>\u00e9</p><a href=\"x.html\">";
    byte[] latin1 = LinkRewriter.html(html.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1, PAGE,
        link -> "caf\u00e9-\u20ac.html");
    assertEquals("<p>\u00e9</p><a href=\"caf\u00e9-&#8364;.html\">", new String(latin1, StandardCharsets.ISO_8859_1));

    byte[] utf16 = LinkRewriter.html(bom16le(html), StandardCharsets.UTF_16LE, PAGE, link -> "y.html");
    assertArrayEquals(bom16le("<p>\u00e9</p><a href=\"y.html\">"), utf16);
  }

  @Test
  void readsShiftJisPagesWhoseCharactersHoldBackslashBytes() {
    Charset sjis = Charset.forName("Shift_JIS");
    String html = "<p title='\u8868'>\u8868</p><a href='\u8868.html'>\u8868</a>";
    byte[] out = LinkRewriter.html(html.getBytes(sjis), sjis, PAGE, link -> "t.html");
    assertEquals("<p title='\u8868'>\u8868</p><a href='t.html'>\u8868</a>", new String(out, sjis));
  }

  @Test
  void rewritesOnlyTheFirstOfTwoAttributesOfOneName() {
    byte[] page = "<a href=a.html HREF=b.html>".getBytes(StandardCharsets.UTF_8);
    byte[] out = LinkRewriter.html(page, StandardCharsets.UTF_8, PAGE, link -> "c.html");
    assertEquals("<a href=c.html HREF=b.html>", new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void emptiesTheBaseWhenAskedAndResolvesAgainstIt() {
    byte[] page = "<base href=\"http://cdn.test/root/\"><a href=x.html>".getBytes(StandardCharsets.UTF_8);
    List<Link> seen = new ArrayList<>();
    byte[] out = LinkRewriter.html(page, StandardCharsets.UTF_8, PAGE, link -> {
      seen.add(link);
      return link.kind() == Link.Kind.BASE ? "" : null;
    });
    assertEquals("<base href=\"\"><a href=x.html>", new String(out, StandardCharsets.UTF_8));
    assertEquals(URI.create("http://cdn.test/root/x.html"), seen.get(1).url());
  }

  @Test
  void rewritesAStylesheetKeepingCommentsStringsAndBadUrls() {
    String css = """
        @charset "utf-8";\r
        @import 'base.css' screen;
        /* url(a.png) */ .a { content: "url(a.png)"; background: url( a.png ) no-repeat }
        .b { background: url(a b.png) } .c { background: URL("a.png") }
        @namespace svg url(http://www.w3.org/2000/svg);
        .d { background: url(data:image/gif;base64,R0lGOD==) } .\u00e9 { }
        """;
    URI sheet = URI.create("http://h.test/css/site.css");
    Function<Link, String> map = link -> link.url().getPath().endsWith("a.png") ? "../img/a (1).png"
        : link.url().getPath().endsWith("base.css") ? "it's.css" : null;

    byte[] out = LinkRewriter.css(css.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, sheet, map);

    String expected = css
        .replace("'base.css'", "'it\\'s.css'")
        .replace("url( a.png )", "url( ../img/a\\20 \\(1\\).png )")
        .replace("URL(\"a.png\")", "URL(\"../img/a (1).png\")");
    assertEquals(expected, new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void rewritesAStylesheetInALegacyCharset() {
    String css = ".\u00e9 { background: url(\u00e9.png) }";
    byte[] out = LinkRewriter.css(css.getBytes(CP1252), CP1252, URI.create("http://h.test/s.css"),
        link -> "\u20ac\u4e00.png");
    assertEquals(".\u00e9 { background: url(\u20ac\\4e00 .png) }", new String(out, CP1252));
  }

  private static byte[] bom16le(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
    b.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
    return b.toByteArray();
  }
}

package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

class CssLinksTest {
  @TempDir Path dir;

  /** The values found in {@code css}, each checked to sit exactly where its span says. */
  static List<String> values(String css) {
    List<CssLink> links = CssLinks.find(css);
    for (CssLink l : links) {
      String raw = css.substring(l.start(), l.end());
      if (l.quote() != 0) {
        assertEquals(l.quote(), css.charAt(l.start() - 1), "opening quote before " + raw);
      }
      if (!raw.contains("\\")) assertEquals(l.value(), raw, "span of " + l);
    }
    return links.stream().map(CssLink::value).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # css                                                    | links, separated by ' ; '
      a{background:url(a.png)}                                 | a.png
      a{background:URL(a.png)}                                 | a.png
      a{background:url(  a.png  )}                             | a.png
      a{background:url(\\t\\na.png\\n)}                        | a.png
      a{background:url("a b.png")}                             | a b.png
      a{background:url('a b.png')}                             | a b.png
      a{background:url( "a.png" )}                             | a.png
      a{background:url(  'a.png'  )}                           | a.png
      a{background:url(a\\).png)}                              | a).png
      a{background:url(a\\ b.png)}                             | a b.png
      a{background:url(\\61 .png)}                             | a.png
      a{background:url(\\000061.png)}                          | a.png
      a{background:url("a\\".png")}                            | a".png
      a{background:url('it\\'s.png')}                          | it's.png
      a{background:url("a\\\\nb.png")}                         | ab.png
      a{background:url(data:image/png;base64,iVBOR==)}         | data:image/png;base64,iVBOR==
      a{background:url()}                                      | ``
      a{background:url("")}                                    | ``
      a{background:u\\72l(a.png)}                              | a.png
      @import "x.css";                                         | x.css
      @import 'x.css' screen;                                  | x.css
      @import url(x.css);                                      | x.css
      @import url("x.css") layer(base) supports(display:grid); | x.css
      @IMPORT "x.css";                                         | x.css
      @import/**/"x.css";                                      | x.css
      @import "a.css";@import "b.css";p{color:red}             | a.css ; b.css
      @font-face{src:url(f.woff2) format("woff2"),local("F")}  | f.woff2
      a{background:image-set("a.png" 1x, url(b.png) 2x)}       | a.png ; b.png
      a{background:-webkit-image-set('a.png' 1x)}              | a.png
      a{background:image-set("a.png" type("image/png"))}       | a.png
      a{mask:src("m.svg")}                                     | m.svg
      a{background:url(a.png),url(b.png)}                      | a.png ; b.png
      a{background:url(a.png}                                  | a.png}
      a{background:url("a.png}                                 | a.png}
      """)
  void findsEveryQuotingStyleAndEscape(String css, String expected) {
    String unescaped = css.replace("\\t", "\t").replace("\\n", "\n");
    List<String> want = expected == null ? List.of("") : List.of(expected.split(" ; "));
    assertEquals(want, values(unescaped));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      /* url(a.png) */
      /* @import "x.css"; */
      a{content:"url(b.png)"}
      a{content:'url(b.png)'}
      a{content:"\\"url(b.png)"}
      a{font-family:"@import 'x.css'"}
      a{background:url(a b.png)}
      a{background:url(a"b.png)}
      a{background:url(a'b.png)}
      a{background:url(a(b.png)}
      a{background:url(a\u0001b.png)}
      a{background:xurl(a.png)}
      a{background:-url(a.png)}
      a{width:12url(a.png)}
      `#url(a.png){}`
      @url(a.png){}
      a{background:url\\28 a.png)}
      a{background-image:url /* no */ (a.png)}
      @namespace url(http://www.w3.org/1999/xhtml);
      @namespace svg url(http://www.w3.org/2000/svg);
      @-moz-document url-prefix() { a{} }
      @document url(http://h/) { a{} }
      a{font-family:"Font", local("Font")}
      """)
  void findsNothingInCommentsStringsBadUrlsOrNonResources(String css) {
    assertEquals(List.of(), values(css.replace("\\u0001", "\u0001")));
  }

  @Test
  void resumesAfterABadUrlAtItsClosingParenthesis() {
    assertEquals(List.of("c.png"), values("a{background:url(a b\\) x) url(c.png)}"));
    assertEquals(List.of("d.png"), values("a{x:url(a\"b) y:url(d.png)}"));
  }

  @Test
  void resumesAfterABadStringAtTheNextLine() {
    assertEquals(List.of("ok.png"), values("a{content:\"open\nb{background:url(ok.png)}"));
    assertEquals(List.of(), values("@import \"x.css\n;"));
  }

  @Test
  void readsAnUnclosedCommentAsRunningToTheEnd() {
    assertEquals(List.of("a.png"), values("a{b:url(a.png)} /* url(b.png)"));
  }

  @Test
  void takesOnlyTheFirstUrlOfAnImport() {
    assertEquals(List.of("x.css"), values("@import url(x.css) supports(content: \"y\") screen;"));
    List<CssLink> links = CssLinks.find("@import \"a.css\"; a{b:url(c.png)}");
    assertEquals(List.of(true, false), links.stream().map(CssLink::imported).toList());
  }

  @Test
  void reportsTheExactSpanAndQuoteOfEachStyle() {
    String css = "a{b:url( x.png );c:url(\"y.png\");d:url('z.png')}@import 'w.css';";
    List<CssLink> links = CssLinks.find(css);
    assertEquals(List.of(
        new CssLink("x.png", css.indexOf("x.png"), css.indexOf("x.png") + 5, (char) 0, false),
        new CssLink("y.png", css.indexOf("y.png"), css.indexOf("y.png") + 5, '"', false),
        new CssLink("z.png", css.indexOf("z.png"), css.indexOf("z.png") + 5, '\'', false),
        new CssLink("w.css", css.indexOf("w.css"), css.indexOf("w.css") + 5, '\'', true)), links);
  }

  @Test
  void spansTheRawTextOfAnEscapedValue() {
    String css = "a{b:url(a\\ b.png) c:url(\"q\\\"r\")}";
    List<CssLink> links = CssLinks.find(css);
    assertEquals("a\\ b.png", css.substring(links.get(0).start(), links.get(0).end()));
    assertEquals("q\\\"r", css.substring(links.get(1).start(), links.get(1).end()));
    assertEquals("q\"r", links.get(1).value());
  }

  @Test
  void countsACarriageReturnLineFeedAsOneSpaceAfterAHexEscape() {
    assertEquals(List.of("ab.png"), values("a{b:url(\\61\r\nb.png)}"));
  }

  @Test
  void replacesInvalidEscapesWithTheReplacementCharacter() {
    assertEquals(List.of("\uFFFD.png", "\uFFFD.png", "\uD83D\uDE00.png"),
        values("a{b:url(\\0.png) c:url(\\D800.png) d:url(\\1F600.png)}"));
  }

  @ParameterizedTest(name = "{0} quoted with [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # url             | quote | written
      a.png             | 0     | a.png
      a b.png           | 0     | a\\20 b.png
      a(b).png          | 0     | a\\(b\\).png
      it's.png          | 0     | it\\'s.png
      back\\slash.png   | 0     | back\\\\slash.png
      a b.png           | "     | a b.png
      say "hi".png      | "     | say \\"hi\\".png
      it's.png          | '     | it\\'s.png
      it's.png          | "     | it's.png
      </style>.png      | "     | \\3c /style>.png
      """)
  void escapesAValueForItsQuoting(String url, String quote, String written) {
    char q = quote.equals("0") ? 0 : quote.charAt(0);
    assertEquals(written, CssLinks.escape(url, q, null));
    String css = "a{b:url(" + (q == 0 ? "" : q) + written + (q == 0 ? "" : q) + ")}";
    assertEquals(List.of(url), values(css), "reads back from " + css);
  }

  @Test
  void escapesNewlinesAndCharactersTheCharsetCannotHold() {
    assertEquals("a\\a b", CssLinks.escape("a\nb", '"', null));
    assertEquals("caf\\e9 .png", CssLinks.escape("café.png", '"', StandardCharsets.US_ASCII.newEncoder()));
    assertEquals(List.of("a\nb", "café.png"), values("a{b:url(\"a\\a b\") c:url(caf\\e9 .png)}"));
  }

  @Test
  void picksTheCharsetFromBomThenHeaderThenCharsetRuleThenThePage() {
    byte[] rule = "@charset \"iso-8859-1\";\na{}".getBytes(StandardCharsets.US_ASCII);
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'};
    Charset latin1 = StandardCharsets.ISO_8859_1;
    assertEquals(StandardCharsets.UTF_8, CssLinks.charset(bom, "text/css; charset=iso-8859-1", null));
    assertEquals(Charset.forName("windows-1252"), CssLinks.charset(rule, "text/css; charset=windows-1252", null));
    assertEquals(latin1, CssLinks.charset(rule, "text/css", null));
    assertEquals(StandardCharsets.UTF_8,
        CssLinks.charset("@charset \"utf-16\";".getBytes(StandardCharsets.US_ASCII), null, null));
    assertEquals(latin1, CssLinks.charset("a{}".getBytes(StandardCharsets.US_ASCII), null, latin1));
    assertEquals(StandardCharsets.UTF_8, CssLinks.charset("a{}".getBytes(StandardCharsets.US_ASCII), null, null));
    assertEquals(StandardCharsets.UTF_8, CssLinks.charset("@charset 'x';".getBytes(StandardCharsets.US_ASCII),
        null, null), "single quotes are no @charset rule");
  }

  @Test
  void extractsResolvedLinksOfAStylesheetFileOnceEach() throws IOException {
    Path sheet = dir.resolve("site.css");
    Files.writeString(sheet, """
        @import "base.css";
        @import url(/theme/dark.css);
        body { background: url(../img/bg.png) }
        .logo { background: url("../img/bg.png") }
        .icon { background: url(data:image/gif;base64,R0lGOD==) }
        .self { background: url(site.css#x) }
        .frag { behavior: url(#default#VML) }
        @font-face { src: url(//fonts.test/f.woff2) format("woff2") }
        """);
    List<Link> links = CssLinks.extract(sheet, "text/css", URI.create("http://h.test/css/site.css"));
    assertEquals(List.of(
        "http://h.test/css/base.css",
        "http://h.test/theme/dark.css",
        "http://h.test/img/bg.png",
        "http://fonts.test/f.woff2"), links.stream().map(l -> l.url().toString()).toList());
    assertEquals(List.of(Link.Kind.CSS), links.stream().map(Link::kind).distinct().toList());
  }
}

package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LinkReaderTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}, {1}, sniffed {2} → {3}")
  @CsvSource(nullValues = "null", value = {
      "text/html; charset=utf-8, page, false, HTML",
      "application/xhtml+xml, page.xhtml, false, HTML",
      "text/css, style, false, CSS",
      "TEXT/CSS;charset=latin1, x, false, CSS",
      "text/plain, site.css, false, CSS",
      "text/html, site.css, false, HTML",
      "image/png, a.png, true, NONE",
      "text/plain, notes.html, false, NONE",
      "null, page.HTM, false, HTML",
      "null, about, true, HTML",
      "null, about, false, NONE",
      "null, theme.css, false, CSS",
  })
  void formatIsTheTypeElseTheNameElseTheFirstBytes(String type, String name, boolean sniffed, String format) {
    assertEquals(LinkReader.Format.valueOf(format), LinkReader.format(type, name, sniffed));
  }

  @Test
  void theDefaultSelectionGivesEveryLinkOnceAndARequisiteWinsOverALinkToTheSameUrl() throws IOException {
    Path page = page("<html><head><link rel=stylesheet href=s.css><style>p{background:url(bg.png)}</style></head>"
        + "<body><a href=bg.png>bg</a><a href=next.html>n</a><iframe src=f.html></iframe>"
        + "<a href=next.html>again</a></body></html>");

    List<Link> links = new LinkReader(null).read(page, LinkReader.Format.HTML, null, URI.create("http://h/"), false);

    assertEquals(List.of("http://h/s.css REQUISITE", "http://h/bg.png CSS", "http://h/next.html PAGE",
        "http://h/f.html REQUISITE"), links.stream().map(l -> l.url() + " " + l.kind()).toList());
  }

  @Test
  void aSelectionOfItsOwnGivesThePickedLinksAndWithRequisitesWhatThePageNeeds() throws IOException {
    Path page = page("<html><head><link rel=stylesheet href=s.css></head><body style='background:url(b.png)'>"
        + "<a class=dl href=a.zip>a</a><a href=other.html>o</a><img src=i.png></body></html>");
    LinkReader reader = new LinkReader("a.dl");
    URI url = URI.create("http://h/");

    assertEquals(List.of("http://h/a.zip PAGE"),
        reader.read(page, LinkReader.Format.HTML, null, url, false).stream().map(l -> l.url() + " " + l.kind()).toList());
    assertEquals(List.of("http://h/a.zip PAGE", "http://h/s.css REQUISITE", "http://h/b.png CSS",
        "http://h/i.png REQUISITE"),
        reader.read(page, LinkReader.Format.HTML, null, url, true).stream().map(l -> l.url() + " " + l.kind()).toList());
  }

  @Test
  void aStylesheetGivesItsUrlsAndImportsResolvedAgainstItsOwnUrl() throws IOException {
    Path css = tmp.resolve("s.css");
    Files.writeString(css, "@import 'a.css'; /* url(no.png) */ x{background:url(../img/b.png)}");

    List<Link> links = new LinkReader(null).read(css, LinkReader.Format.CSS, "text/css",
        URI.create("http://h/css/s.css"), false);

    assertEquals(List.of("http://h/css/a.css", "http://h/img/b.png"), links.stream().map(l -> l.url().toString()).toList());
  }

  private Path page(String html) throws IOException {
    Path p = tmp.resolve("page.html");
    Files.writeString(p, html);
    return p;
  }
}

package dev.hoard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SiteTest {
  private static final String BASE = "http://127.0.0.1:8080";

  @Test
  void aDozenPagesAndFourFilesEveryOneReachableFromTheStartPage() {
    Catalog catalog = Catalog.generate(1, 1);
    Set<String> served = new HashSet<>();
    for (Served s : catalog.pages()) served.add(s.path());
    for (Served s : catalog.assets()) served.add(s.path());
    assertEquals(12, catalog.pages().size());
    assertEquals(4, catalog.assets().size());

    Set<String> reached = new HashSet<>();
    List<String> toVisit = new ArrayList<>(List.of(Site.ROOT + "index.html"));
    Set<String> elsewhere = new HashSet<>();
    while (!toVisit.isEmpty()) {
      String path = toVisit.remove(toVisit.size() - 1);
      if (!reached.add(path)) continue;
      Served s = catalog.at(path);
      assertTrue(s != null, "a link to nothing: " + path);
      if (!s.contentType().startsWith("text/html")) continue;
      Document doc = Jsoup.parse(new String(s.body(), StandardCharsets.UTF_8), BASE + path);
      for (Element e : doc.select("a[href], link[href], img[src]")) {
        URI link = URI.create(e.absUrl(e.hasAttr("href") ? "href" : "src"));
        if (!link.getAuthority().equals("127.0.0.1:8080")) elsewhere.add(link.toString());
        else toVisit.add(link.getPath());
      }
    }
    assertEquals(served, reached);
    assertEquals(Set.of("https://example.org/"), elsewhere);
  }
}

package dev.hoard.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The small web site the demo crawls: a dozen pages under {@code /site/} that link one another with relative links,
 * a style sheet and a few images they use, and one link to another host, which a crawl without
 * {@code --span-hosts} leaves alone.
 */
final class Site {
  static final String ROOT = "/site/";
  static final String HTML = "text/html; charset=utf-8";

  private record Section(String folder, String title, String image, List<String> topics) {}

  private static final List<Section> SECTIONS = List.of(
      new Section("guides", "Guides", "diagram.svg", List.of("outer-pool", "inner-pool", "resume", "crawling")),
      new Section("news", "News", "photo.svg", List.of("release", "mirrors", "rate-limits", "shards")));

  private Site() {}

  /** The pages, the start page ({@code /site/index.html}) first. */
  static List<Served> pages() {
    List<Served> pages = new ArrayList<>();
    StringBuilder sections = new StringBuilder();
    for (Section s : SECTIONS) {
      sections.append("<li><a href=\"").append(s.folder()).append("/index.html\">").append(s.title()).append("</a>\n");
    }
    pages.add(page(ROOT + "index.html", "", "Welcome",
        "<p>A small site served by <code>hoard demo</code>, crawled with <code>hoard get -r</code>.</p>\n"
            + "<ul>\n" + sections + "<li><a href=\"about.html\">About</a>\n"
            + "<li><a href=\"https://example.org/\">Another host</a> (not followed without --span-hosts)\n</ul>\n"));
    pages.add(page(ROOT + "about.html", "", "About",
        "<p>Every page here links its neighbours; a crawl finds them all from the first.</p>\n"));
    for (Section s : SECTIONS) {
      StringBuilder list = new StringBuilder("<ul>\n");
      for (String t : s.topics()) list.append("<li><a href=\"").append(t).append(".html\">").append(t).append("</a>\n");
      list.append("</ul>\n<img src=\"").append(s.image()).append("\" alt=\"").append(s.title()).append("\">\n");
      pages.add(page(ROOT + s.folder() + "/index.html", "../", s.title(), list.toString()));
      for (int i = 0; i < s.topics().size(); i++) {
        String next = s.topics().get((i + 1) % s.topics().size());
        pages.add(page(ROOT + s.folder() + "/" + s.topics().get(i) + ".html", "../", s.topics().get(i),
            "<p>Part " + (i + 1) + " of <a href=\"index.html\">" + s.title() + "</a>.</p>\n"
                + "<p><a href=\"" + next + ".html#top\">Next</a></p>\n"));
      }
    }
    return pages;
  }

  /** What the pages use: a style sheet and images. */
  static List<Served> assets() {
    List<Served> assets = new ArrayList<>();
    assets.add(Served.text(ROOT + "style.css", "text/css; charset=utf-8",
        "body { font-family: sans-serif; max-width: 40em; margin: auto; }\nimg { max-width: 100%; }\n"));
    assets.add(Served.text(ROOT + "logo.svg", "image/svg+xml", svg("#2a6", "hoard")));
    for (Section s : SECTIONS) {
      assets.add(Served.text(ROOT + s.folder() + "/" + s.image(), "image/svg+xml", svg("#36c", s.title())));
    }
    return assets;
  }

  private static Served page(String path, String up, String title, String body) {
    String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title
        + "</title>\n<link rel=\"stylesheet\" href=\"" + up + "style.css\">\n</head>\n<body id=\"top\">\n"
        + "<p><img src=\"" + up + "logo.svg\" alt=\"hoard\" width=\"32\" height=\"32\">"
        + " <a href=\"" + up + "index.html\">Home</a> <a href=\"" + up + "about.html\">About</a></p>\n"
        + "<h1>" + title + "</h1>\n" + body + "</body>\n</html>\n";
    return Served.text(path, HTML, html);
  }

  private static String svg(String colour, String label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\">"
        + "<rect width=\"120\" height=\"40\" rx=\"6\" fill=\"" + colour + "\"/>"
        + "<text x=\"60\" y=\"26\" font-size=\"16\" text-anchor=\"middle\" fill=\"#fff\">" + label + "</text></svg>\n";
  }
}

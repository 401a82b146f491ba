package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoard.store.MirrorPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorLinksTest {
  static final URI PAGE = URI.create("http://h.test/a/b/page.html");

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # from                  | to                          | relative path
      h/a/b/page.html         | h/a/c/x.png                 | ../c/x.png
      h/a/b/page.html         | h/c/x.png                   | ../../c/x.png
      h/a/page.html           | h/a/b/c/x.png               | b/c/x.png
      h/a/page.html           | h/a/x.png                   | x.png
      h/page.html             | h/page.html                 | page.html
      h/index.html            | cdn.test:8080/x.js          | ../cdn.test%3A8080/x.js
      h/a/index.html          | h/index.html@q=a%2Fb        | ../index.html@q=a%252Fb
      h/list.html             | h/list@p=2&s=a              | list@p=2&s=a
      page.html               | a b/c#d?.png                | a%20b/c%23d%3F.png
      page.html               | page2.html                  | page2.html
      h/a/b/page.html         | page.html                   | ../../../page.html
      h/x/page.html           | h/x.y/z.png                 | ../x.y/z.png
      h/page.html             | h/café menu.html            | caf%C3%A9%20menu.html
      h/page.html             | [::1]:8080/x                | ../%5B%3A%3A1%5D%3A8080/x
      """)
  void leadsFromOneSavedFileToAnother(String from, String to, String expected) {
    assertEquals(expected, MirrorLinks.relativePath(Path.of(from), Path.of(to)));
  }

  @Test
  void refusesPathsThatAreNotPlainlyInsideTheFolder() {
    assertThrows(IllegalArgumentException.class, () -> MirrorLinks.relativePath(Path.of("/h/a"), Path.of("h/b")));
    assertThrows(IllegalArgumentException.class, () -> MirrorLinks.relativePath(Path.of("h/a"), Path.of("h/../b")));
    assertThrows(IllegalArgumentException.class, () -> MirrorLinks.relativePath(Path.of("h/./a"), Path.of("h/b")));
    assertThrows(IllegalArgumentException.class, () -> MirrorLinks.relativePath(Path.of(""), Path.of("h/b")));
  }

  /** A mirror holding the files of these URLs, each at its {@link MirrorPath}. */
  static Function<URI, Path> mirrorOf(String... urls) {
    Set<URI> saved = Set.copyOf(List.of(urls).stream().map(URI::create).toList());
    return url -> saved.contains(url) ? MirrorPath.of(url) : null;
  }

  static String convert(String html, Function<URI, Path> saved) {
    MirrorLinks links = new MirrorLinks(MirrorPath.of(PAGE), saved);
    byte[] out = LinkRewriter.html(html.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, PAGE, links);
    return new String(out, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # link in h.test/a/b/page.html       | converted
      <a href=/a/c/x.png>                  | <a href=../c/x.png>
      <a href=http://h.test/a/c/x.png>     | <a href=../c/x.png>
      <a href='x.html#part'>               | <a href='x.html#part'>
      <a href='/a/b/x.html#part'>          | <a href='x.html#part'>
      <a href='list?p=2&amp;s=a'>          | <a href='list@p=2&amp;s=a'>
      <a href="/caf%C3%A9%20menu.html">    | <a href="../../caf%C3%A9%20menu.html">
      <a href="other.html">                | <a href="http://h.test/a/b/other.html">
      <a href="other.html#top">            | <a href="http://h.test/a/b/other.html#top">
      <a href="//cdn.test/x.js">           | <a href="http://cdn.test/x.js">
      <a href="HTTPS://cdn.test/x.js">     | <a href="HTTPS://cdn.test/x.js">
      <a href="#top">                      | <a href="#top">
      <a href="mailto:me@h.test">          | <a href="mailto:me@h.test">
      <base href="http://h.test/a/">       | <base href="">
      <p style="background:url(/img/i.png)"> | <p style="background:url(../../img/i.png)">
      """)
  void convertsLinksAsWgetDoes(String html, String expected) {
    Function<URI, Path> saved = mirrorOf("http://h.test/a/c/x.png", "http://h.test/a/b/x.html",
        "http://h.test/a/b/list?p=2&s=a", "http://h.test/caf%C3%A9%20menu.html", "http://h.test/img/i.png");
    assertEquals(expected, convert(html, saved));
  }

  @Test
  void leavesALinkThatAlreadyReadsAsItsReplacement() {
    MirrorLinks links = new MirrorLinks(Path.of("h.test/a/b/page.html"), mirrorOf("http://h.test/a/b/x.html"));
    Link link = new Link("x.html", URI.create("http://h.test/a/b/x.html"), null, Link.Kind.PAGE);
    assertNull(links.apply(link));
  }

  @Test
  void pointsAFolderLinkAtItsIndexFile() {
    assertEquals("<a href=\"../index.html\">",
        convert("<a href=\"/a/\">", mirrorOf("http://h.test/a/")));
  }
}

package dev.hoard.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlResolverTest {
  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      http://h/a/b/page.html?q=1 | x.png                  | http://h/a/b/x.png
      http://h/a/b/page.html?q=1 | ../c/                  | http://h/a/b/../c/
      http://h/a/b/page.html?q=1 | /root.css              | http://h/root.css
      http://h/a/b/page.html?q=1 | //cdn.example/lib.js   | http://cdn.example/lib.js
      https://h/a/b/             | //cdn.example/lib.js   | https://cdn.example/lib.js
      http://h/a/b/page.html?q=1 | ?p=2                   | http://h/a/b/page.html?p=2
      http://h/a/b/page.html?q=1 | #top                   | http://h/a/b/page.html?q=1#top
      http://h/a/b/page.html?q=1 | ''                     | http://h/a/b/page.html?q=1
      http://h/a/b/page.html?q=1 | https://other/x#frag   | https://other/x#frag
      http://h/a/b/c             | d?e#f                  | http://h/a/b/d?e#f
      http://h/a/b/page.html?q=1 | mailto:a@h             | mailto:a@h
      http://h/a/b/page.html?q=1 | javascript:void(0)     | javascript:void(0)
      http://h:8080              | x                      | http://h:8080/x
      http://h:8080?q            | x                      | http://h:8080/x
      http://h/dir/              | '  sp ace.html  '      | http://h/dir/sp ace.html
      http://h/dir/f#frag        | g                      | http://h/dir/g
      http://h/a/b/c             | 1:2.html               | http://h/a/b/1:2.html
      http://h/a/b/c             | a:2.html               | a:2.html
      http://h/a/b/c             | ./1:2.html             | http://h/a/b/./1:2.html
      not a url                  | x                      | NULL
      """)
  void resolvesAgainstTheBaseAsRfc3986Says(String base, String ref, String expected) {
    assertEquals(expected, UrlResolver.resolve(base, ref));
  }
}

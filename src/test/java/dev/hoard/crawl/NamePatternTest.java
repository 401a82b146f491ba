package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePatternTest {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      pdf           | a.pdf         | true
      pdf           | a.PDF         | true
      PDF           | a.pdf         | true
      pdf           | xpdf          | true
      pdf           | a.pdf.html    | false
      .pdf          | a.pdf         | true
      .pdf          | xpdf          | false
      *.pdf         | a.pdf         | true
      *.pdf         | a.pdf.html    | false
      *.pdf         | .pdf          | true
      img-*         | IMG-01.jpg    | true
      img-*         | my-img-01.jpg | false
      file?.[ct]xt  | file1.txt     | true
      file?.[ct]xt  | file1.cxt     | true
      file?.[ct]xt  | file10.txt    | false
      [!a]*         | b.zip         | true
      [!a]*         | a.zip         | false
      [a-c]*.gz     | B.tar.gz      | true
      [a-c]*.gz     | d.tar.gz      | false
      []x]*         | ]1            | true
      a[            | a[            | true
      a[            | ab            | false
      a.b*          | aXb           | false
      (x)+*         | (x)+y         | true
      *             | ''            | true
      """)
  void matchesNamesAsWgetDoes(String entry, String name, boolean matches) {
    assertEquals(matches, NamePattern.of(entry).matches(name));
  }
}

package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeTextTest {
  /** The raw offset of every resolved offset, end included. */
  static List<Integer> offsets(AttributeText t) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i <= t.value().length(); i++) out.add(t.raw(i));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # raw             | value
      plain             | plain
      a&amp;b           | a&b
      a&ampb            | a&ampb
      a&amp=b           | a&amp=b
      a&amp;amp;b       | a&amp;b
      &lt;&gt;          | <>
      &#38;&#x26;&#X26; | &&&
      &#38&#x26         | &&
      &#0;              | \uFFFD
      &#x1F600;         | \uD83D\uDE00
      &copy=1           | &copy=1
      &copy;=1          | ©=1
      &notit;           | &notit;
      &notin;           | ∉
      &NotEqualTilde;   | ≂̸
      a&&b&             | a&&b&
      &#;&#x;           | &#;&#x;
      &nosuchentity;    | &nosuchentity;
      """)
  void resolvesReferencesAsTheHtmlParserDoesInAttributes(String raw, String value) {
    assertEquals(value, Parser.unescapeEntities(raw, true), "the parser's own reading");
    AttributeText t = AttributeText.of(raw, value);
    assertNotNull(t, raw);
    assertEquals(value, t.value());
    assertEquals(raw.length(), t.raw(value.length()));
  }

  @Test
  void mapsEachResolvedCharacterToWhereItsReferenceStarts() {
    AttributeText t = AttributeText.of("a&amp;b&#x1F600;c", "a&b\uD83D\uDE00c");
    assertEquals(List.of(0, 1, 6, 7, 7, 16, 17), offsets(t));
  }

  @Test
  void givesNoMapWhenTheValueDiffers() {
    assertNull(AttributeText.of("a&amp;b", "a&amp;b"));
    assertNull(AttributeText.of("ab", "a"));
  }
}

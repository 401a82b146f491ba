package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrcsetTest {

  @Test
  void splitsCandidatesAtCommasAfterDescriptors() {
    assertEquals(List.of("a.png", "b.png"), Srcset.urls("a.png 1x, b.png 2x"));
    assertEquals(List.of("a.png", "b.png"), Srcset.urls("  a.png 1x,b.png 2x  "));
  }

  @Test
  void readsCandidatesWithoutDescriptors() {
    assertEquals(List.of("a.png", "b.png"), Srcset.urls("a.png,, b.png"));
    assertEquals(List.of("only.png"), Srcset.urls("only.png"));
  }

  @Test
  void keepsACommaInsideAUrl() {
    assertEquals(List.of("w_100,h_50/x.jpg", "y.jpg"), Srcset.urls("w_100,h_50/x.jpg 100w, y.jpg 200w"));
    assertEquals(List.of("a.png,b.png"), Srcset.urls("a.png,b.png"));
  }

  @Test
  void skipsCommasInsideDescriptorParentheses() {
    assertEquals(List.of("a.png", "b.png"), Srcset.urls("a.png foo(1,2), b.png"));
  }

  @Test
  void spansEachCandidateUrlWithoutItsTrailingCommas() {
    String srcset = " a.png 1x,b,, c.png";
    assertEquals(List.of(new Srcset.Span(1, 6), new Srcset.Span(10, 11), new Srcset.Span(14, 19)),
        Srcset.spans(srcset));
  }

  @Test
  void findsNothingInBlankOrCommaOnlyValues() {
    assertEquals(List.of(), Srcset.urls(""));
    assertEquals(List.of(), Srcset.urls(" , ,\n"));
  }
}

package dev.hoard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RangeReplyTest {
  private static final String ETAG = "\"abc\"";
  private static final String DATE = "Tue, 3 Jun 2008 11:05:30 GMT";

  @ParameterizedTest(name = "{0} -> {1} {2}-{3}")
  @CsvSource(nullValues = "none", value = {
      "none,            200, 0,   999",
      "bytes=0-99,      206, 0,   99",
      "bytes=100-,      206, 100, 999",
      "bytes=999-999,   206, 999, 999",
      "bytes=990-5000,  206, 990, 999",
      "bytes=-100,      206, 900, 999",
      "bytes=-5000,     206, 0,   999",
      "bytes=1000-,     416, 0,   -1",
      "bytes=1000-2000, 416, 0,   -1",
      "bytes=-0,        416, 0,   -1",
      "bytes=5-1,       200, 0,   999",
      "'bytes=0-1,5-6', 200, 0,   999",
      "items=0-1,       200, 0,   999",
      "bytes=x-,        200, 0,   999",
      "bytes=-,         200, 0,   999",
      "bytes=99999999999999999999-, 200, 0, 999",
  })
  void answersASingleRangeAndTheWholeFileForAnythingElse(String range, int status, long first, long last) {
    assertEquals(new RangeReply(status, first, last), RangeReply.to(range, null, ETAG, DATE, 1000));
  }

  @ParameterizedTest(name = "If-Range {0} -> {1}")
  @CsvSource({
      "'\"abc\"',                        206",
      "'Tue, 3 Jun 2008 11:05:30 GMT',   206",
      "'\"other\"',                      200",
      "'Wed, 4 Jun 2008 11:05:30 GMT',   200",
  })
  void sendsTheWholeFileWhenIfRangeNamesAnotherVersion(String ifRange, int status) {
    assertEquals(status, RangeReply.to("bytes=10-19", ifRange, ETAG, DATE, 1000).status());
  }

  @Test
  void anEmptyFileSatisfiesNoRangeAndIsSentWholeWithout() {
    assertEquals(416, RangeReply.to("bytes=0-", null, ETAG, DATE, 0).status());
    RangeReply whole = RangeReply.to(null, null, ETAG, DATE, 0);
    assertEquals(200, whole.status());
    assertEquals(0, whole.length());
  }

  @Test
  void namesWhatItSendsInContentRange() {
    assertEquals("bytes 10-19/1000", RangeReply.to("bytes=10-19", null, ETAG, DATE, 1000).contentRange(1000));
    assertEquals("bytes */1000", RangeReply.to("bytes=2000-", null, ETAG, DATE, 1000).contentRange(1000));
    assertNull(RangeReply.to(null, null, ETAG, DATE, 1000).contentRange(1000));
  }
}

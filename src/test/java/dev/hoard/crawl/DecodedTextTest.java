package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodedTextTest {
  @Test
  void readsBadBytesAsTheReplacingDecoderOfItsCharsetDoes() throws Exception {
    // the text comes from the String constructor, the byte offsets from a replacing decoder: the two must agree
    byte[][] samples = {
        {'a', (byte) 0xC3}, {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80, (byte) 0xBF, 'z'},
        {(byte) 0x81, (byte) 0x8D, (byte) 0x90, (byte) 0xFF}, {(byte) 0x82, (byte) 0xA0, (byte) 0x82}};
    for (String name : new String[] {"UTF-8", "windows-1252", "Shift_JIS", "UTF-16LE", "US-ASCII"}) {
      Charset cs = Charset.forName(name);
      for (byte[] b : samples) {
        String expected = cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
            .decode(java.nio.ByteBuffer.wrap(b)).toString();
        assertEquals(expected, new DecodedText(b, cs).text(), name);
      }
    }
  }

  @Test
  void mapsCharacterOffsetsToByteOffsetsInUtf8() {
    byte[] bytes = "aé€😀b".getBytes(StandardCharsets.UTF_8);
    DecodedText t = new DecodedText(bytes, StandardCharsets.UTF_8);
    assertEquals("aé€😀b", t.text());
    // a=1 byte, é=2, €=3, 😀=4 bytes and 2 chars
    assertArrayEquals(new int[] {0, 1, 3, 6, 10, 11}, t.byteOffsets(new int[] {0, 1, 2, 3, 5, 6}));
  }

  @Test
  void keepsInvalidBytesCountedAsReplacementCharacters() {
    byte[] bytes = {'a', (byte) 0xFF, (byte) 0xC3, 'b', (byte) 0xE2, (byte) 0x82, 'c'};
    DecodedText t = new DecodedText(bytes, StandardCharsets.UTF_8);
    assertEquals("a\uFFFD\uFFFDb\uFFFDc", t.text());
    assertArrayEquals(new int[] {1, 2, 3, 4, 6, 7}, t.byteOffsets(new int[] {1, 2, 3, 4, 5, 6}));
  }

  @Test
  void countsAByteOrderMarkAsNoCharacterInUtf16() {
    byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 'a', 0, 'b', 0};
    DecodedText t = new DecodedText(bytes, StandardCharsets.UTF_16);
    assertEquals("ab", t.text());
    assertArrayEquals(new int[] {4, 6}, t.byteOffsets(new int[] {1, 2}));
    assertArrayEquals(new byte[] {'x', 0}, t.encode("x"), "no mark, and the page's byte order");
  }

  @Test
  void crossesChunksOfTheDecoder() {
    String s = "é".repeat(20_000) + "end";
    DecodedText t = new DecodedText(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertArrayEquals(new int[] {16_384, 40_000, 40_003}, t.byteOffsets(new int[] {8_192, 20_000, 20_003}));
  }

  @Test
  void refusesAnOffsetInsideASurrogatePairOrOutOfOrder() {
    DecodedText t = new DecodedText("😀".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> t.byteOffsets(new int[] {1}));
    DecodedText u = new DecodedText("abc".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> u.byteOffsets(new int[] {2, 1}));
  }

  @Test
  void readsShiftJisWhoseSecondBytesLookLikeAscii() {
    Charset sjis = Charset.forName("Shift_JIS");
    byte[] bytes = "表\"x".getBytes(sjis); // 表 is 0x95 0x5C: its second byte is a backslash in ASCII
    DecodedText t = new DecodedText(bytes, sjis);
    assertEquals("表\"x", t.text());
    assertArrayEquals(new int[] {2, 3}, t.byteOffsets(new int[] {1, 2}));
  }
}

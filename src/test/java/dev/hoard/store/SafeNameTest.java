package dev.hoard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The input → output table of {@link SafeName}, in the manner of Commons IO's FilenameUtils tests. */
class SafeNameTest {
  @ParameterizedTest(name = "[{index}] ''{0}'' → ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      report.pdf              | report.pdf
      ../../etc/passwd        | _._.._etc_passwd
      a/b\\c                  | a_b_c
      .bashrc                 | _bashrc
      ...                     | _..
      -rf                     | _rf
      --help                  | _-help
      "  .profile"            | _profile
      ""                      | index.html
      .                       | index.html
      ..                      | index.html
      "   "                   | index.html
      /                       | _
      a b.txt                 | a b.txt
      naïve café.txt          | naïve café.txt
      日本語のファイル.pdf     | 日本語のファイル.pdf
      Ωmega-α.tar.gz          | Ωmega-α.tar.gz
      x-                      | x-
      a:b*c?.txt              | a:b*c?.txt
      """)
  void sanitises(String raw, String safe) {
    assertEquals(safe, SafeName.of(raw));
  }

  @Test
  void controlCharactersAndNulBecomeUnderscores() {
    assertEquals("a_b_c", SafeName.of("a\u0000b\nc"));
    assertEquals("_bell", SafeName.of("\u0007bell"));
    assertEquals("tab_sep", SafeName.of("tab\tsep"));
    assertEquals("del_", SafeName.of("del\u007f"));
    assertEquals("c1_", SafeName.of("c1\u0085"));
    assertEquals("line_sep", SafeName.of("line\u2028sep"));
    assertEquals("_bom", SafeName.of("\ufeffbom"));
  }

  @Test
  void charactersThatHideOrReorderANameBecomeUnderscores() {
    assertEquals("x_gpj.exe_", SafeName.of("x\u202Egpj.exe\u200B"), "right-to-left override, zero-width space");
    assertEquals("a_b_c_d_e", SafeName.of("a\u202Ab\u202Bc\u202Cd\u202De"), "embeddings and their end");
    assertEquals("a_b_c_d_e", SafeName.of("a\u2066b\u2067c\u2068d\u2069e"), "isolates");
    assertEquals("a_b_c_d_e", SafeName.of("a\u200Bb\u200Cc\u200Dd\u200Ee"), "zero-width, joiners, LTR mark");
    assertEquals("rlm_", SafeName.of("rlm\u200F"));
    assertEquals("a_b_c_d", SafeName.of("a\u2060b\u2063c\u180Ed"), "word joiner, invisible separator, MVS");
    assertEquals("short__.txt", SafeName.of("short\uDB40\uDC41\uDB40\uDC7F.txt"), "tag characters hide text");
    assertEquals("café ünïcode 日本", SafeName.of("café ünïcode 日本"), "letters of any script stay");
  }

  @Test
  void nullIsTheDefaultName() {
    assertEquals("index.html", SafeName.of(null));
  }

  @Test
  void anOverLongNameIsCutKeepingItsExtension() {
    String cut = SafeName.of("a".repeat(300) + ".tar.gz");
    assertEquals(SafeName.MAX_BYTES, utf8Length(cut));
    assertTrue(cut.endsWith("a.gz"), cut);
  }

  @Test
  void anOverLongNameIsCutOnCharacterBoundaries() {
    String accents = SafeName.of("é".repeat(200) + ".txt");
    assertTrue(utf8Length(accents) <= SafeName.MAX_BYTES, accents);
    assertEquals("é".repeat((SafeName.MAX_BYTES - 4) / 2) + ".txt", accents);

    String emoji = SafeName.of("😀".repeat(100) + ".png");
    assertTrue(utf8Length(emoji) <= SafeName.MAX_BYTES);
    assertEquals("😀".repeat((SafeName.MAX_BYTES - 4) / 4) + ".png", emoji);
  }

  @Test
  void anOverLongNameWithoutAShortExtensionIsCutPlain() {
    assertEquals("x".repeat(SafeName.MAX_BYTES), SafeName.of("x".repeat(300)));
    String longExt = SafeName.of("a." + "c".repeat(300));
    assertEquals(SafeName.MAX_BYTES, utf8Length(longExt));
    assertTrue(longExt.startsWith("a.ccc"));
  }

  @Test
  void aNameAtTheLimitIsKept() {
    String name = "n".repeat(SafeName.MAX_BYTES - 4) + ".bin";
    assertEquals(name, SafeName.of(name));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' → ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      ""                              | index.html
      /                               | index.html
      /dir/                           | index.html
      /a/b.zip                        | b.zip
      /a/..%2F..%2Fetc%2Fpasswd       | _._.._etc_passwd
      /%2e%2e                         | index.html
      /%2E%2e                         | index.html
      /%2e                            | index.html
      /..                             | index.html
      /.bashrc                        | _bashrc
      /%2ebashrc                      | _bashrc
      /-rf                            | _rf
      /%2Drf                          | _rf
      /a%20b.txt                      | a b.txt
      /a+b.txt                        | a+b.txt
      /caf%C3%A9.txt                  | café.txt
      /%00x                           | _x
      /x%2Fy                          | x_y
      /..%5C..%5Cwin.ini              | _._.._win.ini
      /100%                           | 100%
      /%ZZ.txt                        | %ZZ.txt
      """)
  void namesAUrlPathAfterItsLastSegment(String rawPath, String name) {
    assertEquals(name, SafeName.fromPath(rawPath));
  }

  @Test
  void aPathWhoseBytesAreNotUtf8KeepsItsEscapesSoTwoSuchNamesStayDistinct() {
    assertEquals("a%FFb", SafeName.fromPath("/a%FFb"));
    assertEquals("a%FEb", SafeName.fromPath("/a%FEb"));
  }

  @ParameterizedTest
  @CsvSource({"a.tar.gz, 1, a.tar.1.gz", "README, 2, README.2", "_bashrc, 1, _bashrc.1", "x.csv, 10, x.10.csv"})
  void numbersANameBeforeItsExtension(String name, int n, String numbered) {
    assertEquals(numbered, SafeName.numbered(name, n));
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "data.part, data.part_", "x.part.state, x.part.state_", "x.PART.state.tmp, x.PART.state.tmp_",
      "data.partial, data.partial", "part, part", "a.part1.rar, a.part1.rar"})
  void aNameLikeHoardsOwnWorkingFilesGetsATrailingUnderscore(String raw, String safe) {
    assertEquals(safe, SafeName.of(raw));
  }
}

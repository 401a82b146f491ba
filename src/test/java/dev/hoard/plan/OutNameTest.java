package dev.hoard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutNameTest {
  @ParameterizedTest(name = "''{0}'' bare: {1}")
  @CsvSource({"a.iso, true", "'my file.txt', true", ".hidden, true", "'', false", "., false", "'..', false",
      "dir/a.iso, false", "'..\\a.iso', false", "/etc/passwd, false", "'a\tb', false"})
  void aBareNameHasNoFolderNoWayUpAndNoControlCharacter(String name, boolean bare) {
    assertEquals(bare, OutName.bare(name));
  }
}

package dev.hoard.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CatalogTest {
  @Test
  void generatesTheSameBytesOnEveryRunAndOtherBytesForEachFile() {
    assertArrayEquals(Catalog.bytes(3, 64), Catalog.bytes(3, 64));
    assertFalse(Arrays.equals(Catalog.bytes(3, 64), Catalog.bytes(4, 64)));
  }

  @Test
  void servesNumberedFilesOfTheSizeAskedAndTheSiteByPath() {
    Catalog c = Catalog.generate(3, 1000);

    assertEquals(3, c.files().size());
    assertEquals("/files/file-03.bin", c.files().get(2).path());
    assertEquals("file-03.bin", c.files().get(2).name());
    assertEquals(3000, c.filesBytes());
    assertSame(c.files().get(1), c.at("/files/file-02.bin"));
    assertSame(c.pages().get(0), c.at("/site/index.html"));
    assertNull(c.at("/files/file-04.bin"));
  }

  @Test
  void aFileIsCheckedAgainstTheSha256OfItsBytes() {
    Served f = Catalog.generate(1, 10).files().get(0);
    assertEquals(Served.sha256(f.body()), f.sha256());
    assertEquals(18, f.etag().length());
  }
}

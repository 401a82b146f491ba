package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.download.Connections;
import dev.hoard.plan.Shard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
      "0, 0", "100, 100", "100b, 100", "512K, 524288", "512k, 524288", "1M, 1048576", "1m, 1048576",
      "2G, 2147483648", "1KiB, 1024", "1kib, 1024", "3MiB, 3145728", "1GiB, 1073741824", "1KB, 1024", "' 4M ', 4194304",
      "8589934591G, 9223372035781033984"})
  void parsesSizes(String text, long bytes) {
    assertEquals(bytes, Converters.parseSize(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12Q", "", "M", "1.5M", "-1", "1T", "1KK", "K1", "one", "8589934592G", "99999999999999999999"})
  void rejectsBadSizesNamingTheValue(String text) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> Converters.parseSize(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "1.5s, 1500", "0.5s, 500", "2H, 7200000",
      "1MS, 1", "' 10s ', 10000", "30, 30000", "0.25, 250", "' 7 ', 7000", "0, 0"})
  void parsesDurations(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Converters.parseDuration(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5x", "", "s", "-1s", "1d", "1.s", "99999h", "1 m s"})
  void rejectsBadDurationsNamingTheValue(String text) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> Converters.parseDuration(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0/1, 0, 1", "0/3, 0, 3", "2/3, 2, 3", "9/10, 9, 10"})
  void parsesShards(String text, int k, int n) {
    assertEquals(new Shard(k, n), new Converters.ShardSpec().convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3/2", "3/3", "-1/3", "0/0", "1", "1/2/3", "a/b", "/3", "1/", ""})
  void rejectsBadShardsNamingTheValue(String text) {
    TypeConversionException e = assertThrows(TypeConversionException.class,
        () -> new Converters.ShardSpec().convert(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void connectionsAreAutoOrAPositiveCount() {
    Converters.ConnectionCount c = new Converters.ConnectionCount();
    assertEquals(Connections.AUTO, c.convert("auto"));
    assertEquals(Connections.AUTO, c.convert("AUTO"));
    assertEquals(Connections.of(8), c.convert("8"));
    for (String bad : List.of("0", "-1", "lots", "")) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }

  @Test
  void levelsAreACountOrInf() {
    Converters.Level l = new Converters.Level();
    assertEquals(Integer.MAX_VALUE, l.convert("inf"));
    assertEquals(0, l.convert("0"));
    assertEquals(5, l.convert("5"));
    for (String bad : List.of("-1", "x", "")) {
      assertThrows(TypeConversionException.class, () -> l.convert(bad), bad);
    }
  }

  @Test
  void intListsArePositiveNumbers() {
    assertEquals(List.of(1, 2, 4, 8), new Converters.IntList().convert("1,2,4,8"));
    assertThrows(TypeConversionException.class, () -> new Converters.IntList().convert("1,0"));
    assertThrows(TypeConversionException.class, () -> new Converters.IntList().convert("1,,2"));
  }
}

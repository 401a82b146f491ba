package dev.hoard.cli;

import dev.hoard.download.Connections;
import dev.hoard.plan.Shard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the SIZE, DURATION, K/N, N|auto, N|inf and LIST values of docs/README.md. */
final class Converters {
  private Converters() {}

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg](?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  /** Parses {@code 512K}, {@code 1M}, {@code 2GiB}, {@code 100} into bytes. */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + text + "' is not a size (a whole number of bytes, optionally with K, M or G)");
    }
    long shift = switch (m.group(2) == null ? "" : m.group(2).substring(0, 1).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      if (n > (Long.MAX_VALUE >> shift)) throw new NumberFormatException();
      return n << shift;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is too large a size");
    }
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1.5s}; a bare number is seconds, as wget reads it. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + text + "' is not a duration (a number of seconds, or a number with ms, s, m or h, e.g. 500ms)");
    }
    double n = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> n;
      case "s" -> n * 1_000;
      case "m" -> n * 60_000;
      default -> n * 3_600_000;
    };
    if (millis > 365L * 24 * 3_600_000) throw new TypeConversionException("'" + text + "' is too long a duration");
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  static final class Size implements ITypeConverter<Long> {
    @Override public Long convert(String value) { return parseSize(value); }
  }

  static final class Time implements ITypeConverter<Duration> {
    @Override public Duration convert(String value) { return parseDuration(value); }
  }

  /** {@code auto}, or a positive count. */
  static final class ConnectionCount implements ITypeConverter<Connections> {
    @Override public Connections convert(String value) {
      if (value.trim().equalsIgnoreCase("auto")) return Connections.AUTO;
      return Connections.of(positive(value, "'auto' or a number of connections"));
    }
  }

  /** {@code inf} is {@link Integer#MAX_VALUE}; otherwise a count ≥ 0. */
  static final class Level implements ITypeConverter<Integer> {
    @Override public Integer convert(String value) {
      String v = value.trim();
      if (v.equalsIgnoreCase("inf")) return Integer.MAX_VALUE;
      try {
        int n = Integer.parseInt(v);
        if (n < 0) throw new NumberFormatException();
        return n;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a depth (a number ≥ 0 or 'inf')");
      }
    }
  }

  /** {@code K/N} with 0 ≤ K < N. */
  static final class ShardSpec implements ITypeConverter<Shard> {
    @Override public Shard convert(String value) {
      String[] parts = value.trim().split("/", -1);
      try {
        if (parts.length == 2) {
          int k = Integer.parseInt(parts[0]);
          int n = Integer.parseInt(parts[1]);
          if (n >= 1 && k >= 0 && k < n) return new Shard(k, n);
        }
      } catch (NumberFormatException ignored) {
        // falls through to the message below
      }
      throw new TypeConversionException("'" + value + "' is not a shard K/N with 0 <= K < N");
    }
  }

  /** A comma-separated list of positive numbers, e.g. {@code 1,2,4,8}. */
  static final class IntList implements ITypeConverter<List<Integer>> {
    @Override public List<Integer> convert(String value) {
      List<Integer> out = new ArrayList<>();
      try {
        for (String part : value.split(",", -1)) out.add(positive(part, "a positive number"));
      } catch (TypeConversionException e) {
        throw new TypeConversionException("'" + value + "' is not a comma-separated list of positive numbers");
      }
      return List.copyOf(out);
    }
  }

  static int positive(String value, String what) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException ignored) {
      // falls through to the message below
    }
    throw new TypeConversionException("'" + value + "' is not " + what);
  }
}

package dev.hoard.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts that go direct, as curl reads {@code no_proxy}: names separated by commas (or blanks), each covering
 * itself and its subdomains (a leading {@code .} is allowed and changes nothing), IP addresses, CIDR ranges
 * ({@code 10.0.0.0/8}), or {@code *} for every host.
 */
final class NoProxy {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private final boolean all;
  private final List<String> names;
  private final List<Range> ranges;

  private NoProxy(boolean all, List<String> names, List<Range> ranges) {
    this.all = all;
    this.names = List.copyOf(names);
    this.ranges = List.copyOf(ranges);
  }

  static NoProxy none() {
    return new NoProxy(false, List.of(), List.of());
  }

  /** Reads a {@code no_proxy} value; an entry that is neither a name nor an address is kept as a name (it matches nothing). */
  static NoProxy parse(String value) {
    boolean all = false;
    List<String> names = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    for (String raw : value.split("[,\\s]+")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) continue;
      if (entry.equals("*")) {
        all = true;
        continue;
      }
      Range range = Range.parse(entry);
      if (range != null) {
        ranges.add(range);
      } else {
        names.add(bare(entry.startsWith(".") ? entry.substring(1) : entry));
      }
    }
    return new NoProxy(all, names, ranges);
  }

  /** Whether requests to {@code host} (a name or an IP address, IPv6 with or without brackets) go direct. */
  boolean matches(String host) {
    if (all) return true;
    String h = bare(host.toLowerCase(Locale.ROOT));
    byte[] address = literal(h);
    if (address != null) {
      for (Range r : ranges) {
        if (r.contains(address)) return true;
      }
      return false;
    }
    for (String name : names) {
      if (!name.isEmpty() && (h.equals(name) || h.endsWith("." + name))) return true;
    }
    return false;
  }

  /** Without IPv6 brackets and without the trailing dot of a fully qualified name. */
  private static String bare(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** The bytes of an IP address literal, or null for a name: never a DNS look-up. */
  static byte[] literal(String host) {
    var v4 = IPV4.matcher(host);
    if (v4.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int n = Integer.parseInt(v4.group(i + 1));
        if (n > 255) return null;
        b[i] = (byte) n;
      }
      return b;
    }
    if (host.indexOf(':') < 0 || !host.matches("[0-9a-f:.]+")) return null;
    try {
      return InetAddress.getByName(host).getAddress(); // a literal with a colon: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An address with the number of leading bits that must match: 32 or 128 for one address. */
  private record Range(byte[] address, int bits) {
    static Range parse(String entry) {
      int slash = entry.indexOf('/');
      byte[] address = literal(bare(slash < 0 ? entry : entry.substring(0, slash)));
      if (address == null) return null;
      int bits = address.length * 8;
      if (slash >= 0) {
        String n = entry.substring(slash + 1);
        if (!n.matches("\\d{1,3}") || Integer.parseInt(n) > bits) return null;
        bits = Integer.parseInt(n);
      }
      return new Range(address, bits);
    }

    boolean contains(byte[] other) {
      if (other.length != address.length) return false;
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (other[i / 8] & mask)) return false;
      }
      return true;
    }
  }
}

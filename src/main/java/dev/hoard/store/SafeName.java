package dev.hoard.store;

import dev.hoard.report.Printable;
import dev.hoard.url.Percent;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a name chosen by a URL or a server into one safe file name inside the download folder.
 *
 * <table>
 *   <caption>input → output</caption>
 *   <tr><td>{@code report.pdf}</td><td>{@code report.pdf}</td></tr>
 *   <tr><td>{@code ../../etc/passwd}</td><td>{@code _._.._etc_passwd}</td></tr>
 *   <tr><td>{@code a/b\c}</td><td>{@code a_b_c}</td></tr>
 *   <tr><td>{@code .bashrc}</td><td>{@code _bashrc}</td></tr>
 *   <tr><td>{@code -rf}</td><td>{@code _rf}</td></tr>
 *   <tr><td>{@code ""}, {@code .}, {@code ..}, {@code "  "}</td><td>{@code index.html}</td></tr>
 *   <tr><td>{@code a\u0000b\nc}</td><td>{@code a_b_c}</td></tr>
 *   <tr><td>{@code x}, U+202E (right-to-left override), {@code gpj.exe}, U+200B (zero-width space)</td>
 *       <td>{@code x_gpj.exe_}</td></tr>
 *   <tr><td>{@code data.part}, {@code x.part.state}</td><td>{@code data.part_}, {@code x.part.state_}</td></tr>
 *   <tr><td>300 × {@code a} + {@code .tar.gz}</td><td>cut to {@value #MAX_BYTES} UTF-8 bytes, {@code .gz} kept</td></tr>
 * </table>
 */
public final class SafeName {
  private SafeName() {}

  /** Room left under the file system's 255 bytes for {@code .part.state.tmp} and a collision suffix. */
  static final int MAX_BYTES = 224;

  static final String DEFAULT = "index.html";

  /** A bare, visible, non-option file name made from {@code raw} (already percent-decoded). */
  public static String of(String raw) {
    if (raw == null) return DEFAULT;
    StringBuilder b = new StringBuilder(raw.length());
    raw.codePoints().forEach(c -> {
      // controls, and the characters a terminal or a file manager would hide or reorder the name around
      boolean bad = c == '/' || c == '\\' || Printable.changes(c);
      b.appendCodePoint(bad ? '_' : c);
    });
    String name = b.toString().strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) return DEFAULT;
    if (name.charAt(0) == '.' || name.charAt(0) == '-') name = "_" + name.substring(1);
    return reserved(cut(encodable(name)));
  }

  /**
   * hoard's own working files are {@code NAME.part} and {@code NAME.part.state[.tmp]}: a download named like one
   * would be taken for another download's unfinished bytes, so such a name gets a trailing {@code _}.
   */
  static String reserved(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean clash = lower.endsWith(".part") || lower.endsWith(".part.state") || lower.endsWith(".part.state.tmp");
    return clash ? name + "_" : name;
  }

  /** The charset file names are encoded in here (from the locale); UTF-8 where the locale says nothing. */
  private static final Charset NAMES = namesCharset();

  private static Charset namesCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /**
   * Percent-encodes (as UTF-8) the characters the file system's charset cannot hold: under a C/POSIX locale
   * {@code café} becomes {@code caf%C3%A9} instead of failing.
   */
  static String encodable(String name) {
    CharsetEncoder enc = NAMES.newEncoder();
    if (enc.canEncode(name)) return name;
    StringBuilder b = new StringBuilder();
    name.codePoints().forEach(cp -> {
      String ch = new String(Character.toChars(cp));
      if (enc.canEncode(ch)) {
        b.append(ch);
      } else {
        for (byte x : ch.getBytes(StandardCharsets.UTF_8)) b.append('%').append(String.format("%02X", x & 0xff));
      }
    });
    return b.toString();
  }

  /** Cuts an over-long name to {@link #MAX_BYTES} UTF-8 bytes, keeping a short extension. */
  static String cut(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) return name;
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    String stem = name.substring(0, name.length() - ext.length());
    int budget = MAX_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < stem.length(); ) {
      int cp = stem.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + len > budget) break;
      out.appendCodePoint(cp);
      used += len;
      i += Character.charCount(cp);
    }
    return out + ext;
  }

  /**
   * The name a URL path gives: its last segment, percent-decoded, made safe; {@code index.html} for an empty path or
   * one ending in {@code /}.
   */
  public static String fromPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.endsWith("/")) return DEFAULT;
    return of(Percent.decodeUtf8(rawPath.substring(rawPath.lastIndexOf('/') + 1)));
  }

  /** The name with {@code .N} before its extension: {@code a.tar.gz} → {@code a.tar.1.gz}, {@code README} → {@code README.1}. */
  public static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0) return name + "." + n;
    return name.substring(0, dot) + "." + n + name.substring(dot);
  }
}

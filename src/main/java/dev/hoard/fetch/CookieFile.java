package dev.hoard.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.cookie.BasicClientCookie;

/**
 * The Netscape {@code cookies.txt} format that wget, curl and browsers' exporters write: one cookie a line, seven
 * TAB-separated fields (domain, include-subdomains {@code TRUE}/{@code FALSE}, path, secure {@code TRUE}/{@code
 * FALSE}, expiry in epoch seconds with {@code 0} for a session cookie, name, value). A {@code #HttpOnly_} prefix on
 * the domain marks an HttpOnly cookie; other lines starting with {@code #} are comments.
 */
public final class CookieFile {
  private static final String HTTP_ONLY = "#HttpOnly_";

  private CookieFile() {}

  /**
   * Adds the cookies of {@code file} that have not expired to {@code store}.
   *
   * @throws SetupException when the file cannot be read or a line is malformed, naming the file and line
   */
  public static void load(Path file, CookieStore store, Instant now) throws SetupException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SetupException("--load-cookies: cannot read " + file + ": " + Failure.describeReading(e), e);
    }
    for (BasicClientCookie c : parse(text, file.toString(), now)) store.addCookie(c);
  }

  /**
   * Writes every cookie of {@code store} not expired at {@code now}, session cookies included, to {@code file}:
   * through a temporary file moved into place, readable and writable by its owner only.
   */
  public static void save(CookieStore store, Path file, Instant now) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temp = posix
        ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, format(store.getCookies(), now), StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The cookies of a file's {@code text}, skipping those expired at {@code now}; {@code name} is the file's name for
   * error messages.
   */
  static List<BasicClientCookie> parse(String text, String name, Instant now) throws SetupException {
    List<BasicClientCookie> cookies = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      boolean httpOnly = line.startsWith(HTTP_ONLY);
      if (httpOnly) line = line.substring(HTTP_ONLY.length());
      else if (line.isBlank() || line.startsWith("#")) continue;
      BasicClientCookie cookie = cookie(line, httpOnly, name + " line " + (i + 1), now);
      if (!cookie.isExpired(now)) cookies.add(cookie);
    }
    return cookies;
  }

  private static BasicClientCookie cookie(String line, boolean httpOnly, String where, Instant now) throws SetupException {
    String[] f = line.split("\t", -1);
    // curl also writes and reads a cookie with an empty value as six fields
    if (f.length != 7 && f.length != 6) {
      throw new SetupException(where + ": expected 7 TAB-separated fields (domain, subdomains, path, secure, expiry,"
          + " name, value), found " + f.length);
    }
    String domain = withoutPort(f[0].strip().toLowerCase(Locale.ROOT));
    boolean subdomains = flag(f[1], "include-subdomains", where);
    String path = f[2];
    boolean secure = flag(f[3], "secure", where);
    String expiry = f[4].strip();
    if (domain.startsWith(".")) domain = domain.substring(1);
    if (domain.isEmpty()) throw new SetupException(where + ": empty domain");
    if (!path.startsWith("/")) throw new SetupException(where + ": path must start with /, found \"" + path + "\"");
    if (!expiry.matches("\\d{1,19}(\\.\\d*)?")) {
      throw new SetupException(where + ": expiry must be epoch seconds (0 for a session cookie), found \"" + expiry + "\"");
    }
    long seconds = Long.parseLong(expiry.replaceFirst("\\..*", ""));

    BasicClientCookie c = new BasicClientCookie(f[5], f.length == 7 ? f[6] : "");
    c.setDomain(domain);
    if (subdomains) c.setAttribute(Cookie.DOMAIN_ATTR, domain); // a Domain attribute: subdomains match too
    c.setPath(path);
    c.setAttribute(Cookie.PATH_ATTR, path);
    c.setSecure(secure);
    c.setHttpOnly(httpOnly);
    if (seconds > 0) c.setExpiryDate(Instant.ofEpochSecond(Math.min(seconds, Instant.MAX.getEpochSecond())));
    c.setCreationDate(now);
    return c;
  }

  /** The file's text for {@code cookies}, those expired at {@code now} left out. */
  static String format(List<Cookie> cookies, Instant now) {
    StringBuilder out = new StringBuilder("# Netscape HTTP Cookie File\n# Written by hoard. Edit at your own risk.\n\n");
    for (Cookie c : cookies) {
      if (c.isExpired(now)) continue;
      boolean subdomains = c.containsAttribute(Cookie.DOMAIN_ATTR);
      String domain = c.getDomain() == null ? "" : c.getDomain();
      if (domain.startsWith(".")) domain = domain.substring(1);
      Instant expiry = c.getExpiryInstant();
      out.append(c.isHttpOnly() ? HTTP_ONLY : "").append(subdomains ? "." : "").append(domain)
          .append('\t').append(subdomains ? "TRUE" : "FALSE")
          .append('\t').append(c.getPath() == null ? "/" : c.getPath())
          .append('\t').append(c.isSecure() ? "TRUE" : "FALSE")
          .append('\t').append(expiry == null ? 0 : Math.max(1, expiry.getEpochSecond()))
          .append('\t').append(c.getName())
          .append('\t').append(c.getValue() == null ? "" : c.getValue())
          .append('\n');
    }
    return out.toString();
  }

  private static boolean flag(String field, String what, String where) throws SetupException {
    String f = field.strip();
    if (f.equalsIgnoreCase("TRUE")) return true;
    if (f.equalsIgnoreCase("FALSE")) return false;
    throw new SetupException(where + ": " + what + " must be TRUE or FALSE, found \"" + field + "\"");
  }

  /** wget writes a cookie of a server on another port than 80 as {@code host:port}; cookies ignore ports. */
  private static String withoutPort(String domain) {
    if (domain.startsWith("[")) {
      int close = domain.indexOf(']');
      return close < 0 ? domain : domain.substring(1, close);
    }
    int colon = domain.indexOf(':');
    return colon >= 0 && domain.indexOf(':', colon + 1) < 0 && domain.substring(colon + 1).matches("\\d+")
        ? domain.substring(0, colon) : domain;
  }
}

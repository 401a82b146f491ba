package dev.hoard.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A netrc file: {@code machine NAME login USER password PASS} entries (and one {@code default}), as curl reads them:
 * words separated by blanks or line ends, a word in double quotes may hold blanks and {@code \"}, {@code \\},
 * {@code \n}, {@code \t}; {@code #} starts a comment; {@code account} is read and ignored; a {@code macdef} body
 * runs to the next blank line and is skipped.
 */
public final class Netrc {
  /** The credentials of one entry; {@link #toString()} hides the password. */
  public record Login(String login, String password) {
    /** The value of an {@code Authorization} header carrying these credentials (HTTP Basic, UTF-8). */
    public String basicAuthorization() {
      return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return login + ":***";
    }
  }

  /** One entry: {@code machine} null for the {@code default} entry. */
  private record Entry(String machine, Login login) {}

  private final List<Entry> entries;
  private final String warning;

  private Netrc(List<Entry> entries, String warning) {
    this.entries = List.copyOf(entries);
    this.warning = warning;
  }

  /** No entry: every look-up comes back empty. */
  public static Netrc none() {
    return new Netrc(List.of(), null);
  }

  /** {@code ~/.netrc}: what {@code --netrc} reads. */
  public static Path defaultFile(Map<String, String> env) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".netrc");
  }

  /**
   * Reads {@code file}.
   *
   * @throws SetupException when it cannot be read or does not parse, naming the file and the line
   */
  public static Netrc load(Path file) throws SetupException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SetupException("cannot read netrc file " + file + ": " + Failure.describeReading(e), e);
    }
    Netrc parsed = parse(text, file.toString());
    return new Netrc(parsed.entries, permissionWarning(file));
  }

  /**
   * Reads {@code file} if it exists, else no entry: {@code --netrc} without a {@code ~/.netrc} is not an error, as
   * with curl.
   */
  public static Netrc loadIfPresent(Path file) throws SetupException {
    return Files.exists(file) ? load(file) : none();
  }

  /** The credentials for {@code host}: its first {@code machine} entry, else the {@code default} entry. */
  public Optional<Login> find(String host) {
    return find(host, null);
  }

  /**
   * The credentials for {@code host} and {@code login} (when the URL names a user but no password): the first entry
   * for that host whose login is {@code login}, else the {@code default} entry if its login is {@code login}.
   */
  public Optional<Login> find(String host, String login) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    Login fallback = null;
    for (Entry e : entries) {
      if (e.login() == null || (login != null && !login.equals(e.login().login()))) continue;
      if (e.machine() == null) {
        if (fallback == null) fallback = e.login();
      } else if (e.machine().equalsIgnoreCase(h)) {
        return Optional.of(e.login());
      }
    }
    return Optional.ofNullable(fallback);
  }

  /**
   * The {@code Authorization} value netrc gives a request to {@code url}: Basic credentials of the entry for the
   * URL's own host (a redirect to another host looks up that host), none when the URL carries a password of its own;
   * a URL that names only a user gets the password of that user's entry.
   */
  public Optional<String> authorization(URI url) {
    if (url.getHost() == null) return Optional.empty();
    String info = url.getRawUserInfo();
    if (info == null || info.isEmpty()) return find(url.getHost()).map(Login::basicAuthorization);
    if (info.indexOf(':') >= 0) return Optional.empty();
    String user = java.net.URLDecoder.decode(info.replace("+", "%2B"), StandardCharsets.UTF_8);
    return find(url.getHost(), user).map(Login::basicAuthorization);
  }

  /** A warning to show when the file can be read by other users than its owner, or empty. */
  public Optional<String> warning() {
    return Optional.ofNullable(warning);
  }

  static String permissionWarning(Path file) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return null;
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
        return "netrc file " + file + " can be read by other users (" + PosixFilePermissions.toString(p)
            + "); chmod 600 " + file;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // a file we just read but cannot stat: nothing to warn about
    }
    return null;
  }

  /** The entries of a netrc file's {@code text}; {@code name} is the file's name for error messages. */
  static Netrc parse(String text, String name) throws SetupException {
    List<Entry> entries = new ArrayList<>();
    String machine = null;
    boolean inEntry = false;
    boolean isDefault = false;
    String login = null;
    String password = null;
    Tokens tokens = new Tokens(text, name);
    for (Tokens.Token t = tokens.next(); t != null; t = tokens.next()) {
      String word = t.text();
      switch (t.quoted() ? "" : word) {
        case "machine", "default" -> {
          if (inEntry) entries.add(entry(isDefault ? null : machine, login, password));
          isDefault = word.equals("default");
          machine = isDefault ? null : tokens.value(t).text();
          inEntry = true;
          login = null;
          password = null;
        }
        case "login", "password", "account" -> {
          if (!inEntry) throw new SetupException(tokens.where(t) + ": \"" + word + "\" before any machine or default");
          String value = tokens.value(t).text();
          if (word.equals("login")) login = value;
          else if (word.equals("password")) password = value;
        }
        case "macdef" -> {
          tokens.value(t);
          tokens.skipMacroBody();
        }
        default -> throw new SetupException(tokens.where(t) + ": unexpected \"" + word
            + "\" (expected machine, default, login, password, account or macdef)");
      }
    }
    if (inEntry) entries.add(entry(isDefault ? null : machine, login, password));
    return new Netrc(entries, null);
  }

  private static Entry entry(String machine, String login, String password) {
    Login l = login == null && password == null ? null : new Login(login == null ? "" : login, password == null ? "" : password);
    return new Entry(machine, l);
  }

  /** The words of a netrc file, each with its line number. */
  private static final class Tokens {
    record Token(String text, boolean quoted, int line) {}

    private final String text;
    private final String name;
    private int pos;
    private int line = 1;

    Tokens(String text, String name) {
      this.text = text;
      this.name = name;
    }

    String where(Token t) {
      return name + " line " + t.line();
    }

    /** The word after keyword {@code t}: its value. */
    Token value(Token t) throws SetupException {
      Token v = next();
      if (v == null) throw new SetupException(where(t) + ": \"" + t.text() + "\" without a value");
      return v;
    }

    /** Skips to the end of the current line, then past every line up to and including the next blank one. */
    void skipMacroBody() {
      while (pos < text.length() && text.charAt(pos) != '\n') pos++;
      while (pos < text.length()) {
        pos++; // the newline
        line++;
        int end = text.indexOf('\n', pos);
        String l = end < 0 ? text.substring(pos) : text.substring(pos, end);
        pos = end < 0 ? text.length() : end;
        if (l.isBlank()) return;
      }
    }

    Token next() throws SetupException {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\n') {
          line++;
          pos++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '#') {
          while (pos < text.length() && text.charAt(pos) != '\n') pos++;
        } else {
          break;
        }
      }
      if (pos >= text.length()) return null;
      int start = line;
      if (text.charAt(pos) != '"') {
        int begin = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) pos++;
        return new Token(text.substring(begin, pos), false, start);
      }
      StringBuilder b = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= text.length() || text.charAt(pos) == '\n') {
          throw new SetupException(name + " line " + start + ": a quoted word is not closed");
        }
        char c = text.charAt(pos++);
        if (c == '"') break;
        if (c == '\\' && pos < text.length() && text.charAt(pos) != '\n') {
          char e = text.charAt(pos++);
          b.append(switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> e;
          });
        } else {
          b.append(c);
        }
      }
      return new Token(b.toString(), true, start);
    }
  }
}

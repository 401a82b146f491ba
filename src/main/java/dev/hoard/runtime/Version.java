package dev.hoard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** hoard's version, from the jar's build; {@code hoard/VERSION} is also the default User-Agent. */
public final class Version {
  private Version() {}

  private static final String CURRENT = read();

  public static String current() {
    return CURRENT;
  }

  /** The default {@code User-Agent}: {@code hoard/0.1.0}. */
  public static String userAgent() {
    return "hoard/" + CURRENT;
  }

  private static String read() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/hoard.properties")) {
      if (in != null) p.load(in);
    } catch (IOException ignored) {
      // an unknown version is not worth failing for
    }
    return p.getProperty("hoard.version", "dev");
  }
}

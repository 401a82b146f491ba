package dev.hoard.cli;

import dev.hoard.fetch.CookieJar;
import dev.hoard.fetch.Netrc;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.ProxyConfig;
import dev.hoard.fetch.SetupException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags of {@code get} that shape the network: those of {@link ReachFlags}, and cookies and credentials. */
final class NetworkFlags extends ReachFlags {
  @Option(names = "--load-cookies", paramLabel = "FILE", description = "Cookies to start with, in the Netscape cookies.txt format.")
  Path loadCookies;

  @Option(names = "--save-cookies", paramLabel = "FILE",
      description = "When the run ends, write every cookie it holds (session cookies too) to FILE, readable by its owner only.")
  Path saveCookies;

  @Option(names = "--netrc", description = "Take credentials for a host from ~/.netrc.")
  boolean netrc;

  @Option(names = "--netrc-file", paramLabel = "FILE", description = "Take credentials for a host from FILE.")
  Path netrcFile;

  /**
   * The network these flags ask for, read before any request; warnings (a netrc others can read, unchecked
   * certificates) go to {@code err}.
   *
   * @throws SetupException when a setting cannot be used: its message names the option or file
   */
  Network network(Cli.Context ctx, PrintWriter err) throws SetupException {
    ProxyConfig proxies = proxies(ctx);
    CookieJar cookies = loadCookies == null ? CookieJar.empty() : CookieJar.load(loadCookies);
    Netrc credentials = netrcFile != null ? Netrc.load(netrcFile)
        : netrc ? Netrc.loadIfPresent(Netrc.defaultFile(ctx.env())) : Netrc.none();
    credentials.warning().ifPresent(w -> err.println("hoard: warning: " + w));
    return new Network(proxies, cookies, trust(err), credentials);
  }

  /** Writes the cookies of the run to {@code --save-cookies}, when asked. */
  void saveCookies(Network network) throws IOException {
    if (saveCookies != null) network.cookies().save(saveCookies);
  }
}

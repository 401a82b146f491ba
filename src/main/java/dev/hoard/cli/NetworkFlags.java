package dev.hoard.cli;

import dev.hoard.fetch.CookieJar;
import dev.hoard.fetch.Netrc;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.ProxyConfig;
import dev.hoard.fetch.SetupException;
import dev.hoard.fetch.Trust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags of {@code get} that shape the network: proxies, cookies, credentials, certificates. */
final class NetworkFlags {
  @Option(names = "--proxy", paramLabel = "URL",
      description = "Send every request through this proxy (http://[user:pass@]host:port); https goes through CONNECT. "
          + "Default: from the environment (http_proxy, https_proxy, all_proxy, no_proxy).")
  String proxy;

  @Option(names = "--no-proxy", description = "Ignore the proxy settings of the environment.")
  boolean noProxy;

  @Option(names = "--load-cookies", paramLabel = "FILE", description = "Cookies to start with, in the Netscape cookies.txt format.")
  Path loadCookies;

  @Option(names = "--save-cookies", paramLabel = "FILE",
      description = "When the run ends, write every cookie it holds (session cookies too) to FILE, readable by its owner only.")
  Path saveCookies;

  @Option(names = "--netrc", description = "Take credentials for a host from ~/.netrc.")
  boolean netrc;

  @Option(names = "--netrc-file", paramLabel = "FILE", description = "Take credentials for a host from FILE.")
  Path netrcFile;

  @Option(names = "--ca-certificate", paramLabel = "FILE", description = "PEM certificates to trust besides the system's.")
  Path caCertificate;

  @Option(names = "--no-check-certificate", description = "Do not verify TLS certificates (a warning says so).")
  boolean noCheckCertificate;

  /**
   * The network these flags ask for, read before any request; warnings (a netrc others can read, unchecked
   * certificates) go to {@code err}.
   *
   * @throws SetupException when a setting cannot be used: its message names the option or file
   */
  Network network(Cli.Context ctx, PrintWriter err) throws SetupException {
    ProxyConfig proxies = ProxyConfig.of(proxy, noProxy, ctx.env());
    CookieJar cookies = loadCookies == null ? CookieJar.empty() : CookieJar.load(loadCookies);
    Trust trust = noCheckCertificate ? Trust.insecure()
        : caCertificate == null ? Trust.system() : Trust.withCertificates(caCertificate);
    Netrc credentials = netrcFile != null ? Netrc.load(netrcFile)
        : netrc ? Netrc.loadIfPresent(Netrc.defaultFile(ctx.env())) : Netrc.none();
    credentials.warning().ifPresent(w -> err.println("hoard: warning: " + w));
    if (!trust.verifies()) err.println("hoard: warning: TLS certificates are not checked (--no-check-certificate)");
    return new Network(proxies, cookies, trust, credentials);
  }

  /** Writes the cookies of the run to {@code --save-cookies}, when asked. */
  void saveCookies(Network network) throws IOException {
    if (saveCookies != null) network.cookies().save(saveCookies);
  }
}

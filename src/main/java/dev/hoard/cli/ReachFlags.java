package dev.hoard.cli;

import dev.hoard.fetch.CookieJar;
import dev.hoard.fetch.Netrc;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.ProxyConfig;
import dev.hoard.fetch.SetupException;
import dev.hoard.fetch.Trust;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags every command that makes requests shares: which proxy (from the environment by default, as curl and wget
 * read it) and which certificates to trust. {@code check} and {@code tune} reach the sites {@code get} does, through
 * the same proxy and private CA.
 */
class ReachFlags {
  @Option(names = "--proxy", paramLabel = "URL",
      description = "Send every request through this proxy (http://[user:pass@]host:port); https goes through CONNECT. "
          + "Default: from the environment (http_proxy, https_proxy, all_proxy, no_proxy).")
  String proxy;

  @Option(names = "--no-proxy", description = "Ignore the proxy settings of the environment.")
  boolean noProxy;

  @Option(names = "--ca-certificate", paramLabel = "FILE", description = "PEM certificates to trust besides the system's.")
  Path caCertificate;

  @Option(names = "--no-check-certificate", description = "Do not verify TLS certificates (a warning says so).")
  boolean noCheckCertificate;

  /**
   * The network these flags ask for, with no cookie and no netrc; a warning for unchecked certificates goes to
   * {@code err}.
   *
   * @throws SetupException when a setting cannot be used: its message names the option or file
   */
  Network network(Cli.Context ctx, PrintWriter err) throws SetupException {
    return new Network(proxies(ctx), CookieJar.empty(), trust(err), Netrc.none());
  }

  ProxyConfig proxies(Cli.Context ctx) throws SetupException {
    return ProxyConfig.of(proxy, noProxy, ctx.env());
  }

  Trust trust(PrintWriter err) throws SetupException {
    Trust trust = noCheckCertificate ? Trust.insecure()
        : caCertificate == null ? Trust.system() : Trust.withCertificates(caCertificate);
    if (!trust.verifies()) err.println("hoard: warning: TLS certificates are not checked (--no-check-certificate)");
    return trust;
  }
}

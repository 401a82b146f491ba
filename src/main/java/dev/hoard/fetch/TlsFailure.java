package dev.hoard.fetch;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import javax.net.ssl.SSLException;

/**
 * Says why a TLS handshake failed in words a person can act on: a certificate expired, not trusted, or for another
 * host. Anything else keeps the TLS library's message.
 */
public final class TlsFailure {
  static final String NOT_TRUSTED =
      "certificate not trusted: self-signed or unknown issuer; --ca-certificate FILE trusts a private CA";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  private TlsFailure() {}

  public static String describe(SSLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HostCheck.WrongHostException) return t.getMessage();
      if (t instanceof CertificateExpiredException) return "certificate expired" + date(e, true, " on ");
      if (t instanceof CertificateNotYetValidException) {
        String from = date(e, false, "");
        return from.isEmpty() ? "certificate not yet valid" : "certificate not valid before " + from;
      }
      if (t instanceof CertPathBuilderException) return NOT_TRUSTED;
    }
    String m = e.getMessage();
    return "TLS error: " + (m == null ? e.getClass().getSimpleName() : m);
  }

  /** {@code lead} and the failing certificate's end (or start) of validity, or nothing if the chain does not say. */
  private static String date(Throwable e, boolean end, String lead) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException v && v.getCertPath() != null && v.getIndex() >= 0
          && v.getIndex() < v.getCertPath().getCertificates().size()
          && v.getCertPath().getCertificates().get(v.getIndex()) instanceof X509Certificate c) {
        Date when = end ? c.getNotAfter() : c.getNotBefore();
        return lead + DAY.format(when.toInstant().atOffset(ZoneOffset.UTC));
      }
    }
    return "";
  }
}

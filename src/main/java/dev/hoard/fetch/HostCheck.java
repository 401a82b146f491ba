package dev.hoard.fetch;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HttpClientHostnameVerifier;

/**
 * Checks that a server's certificate is for the host asked for, as HttpClient's {@link DefaultHostnameVerifier}
 * does, and on a mismatch says which names the certificate is for.
 */
final class HostCheck implements HttpClientHostnameVerifier {
  private final DefaultHostnameVerifier rules = new DefaultHostnameVerifier(PublicSuffixMatcherLoader.getDefault());

  /** A certificate for other names than the host asked for. */
  static final class WrongHostException extends SSLPeerUnverifiedException {
    WrongHostException(String message) {
      super(message);
    }
  }

  @Override
  public void verify(String host, X509Certificate certificate) throws SSLException {
    try {
      rules.verify(host, certificate);
    } catch (SSLException e) {
      List<String> names = namesOf(certificate);
      String shown = names.isEmpty() ? certificate.getSubjectX500Principal().getName() : String.join(", ", names);
      throw new WrongHostException("certificate is for " + shown + ", not " + host);
    }
  }

  @Override
  public boolean verify(String host, SSLSession session) {
    return rules.verify(host, session);
  }

  /** The DNS names and IP addresses a certificate names (its subject alternative names). */
  static List<String> namesOf(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives == null) return names;
      for (List<?> entry : alternatives) {
        int type = (Integer) entry.get(0);
        if (type == 2 || type == 7) names.add(String.valueOf(entry.get(1))); // dNSName, iPAddress
      }
    } catch (CertificateParsingException e) {
      // an unreadable extension: the subject is shown instead
    }
    return names;
  }
}

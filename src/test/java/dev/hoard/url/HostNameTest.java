package dev.hoard.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNameTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      bücher.example        | xn--bcher-kva.example
      BÜCHER.Example        | xn--bcher-kva.example
      пример.рф             | xn--e1afmkfd.xn--p1ai
      pаypal.example        | xn--pypal-4ve.example
      example.org           | example.org
      127.0.0.1             | 127.0.0.1
      """)
  void aHostGoesOnTheWireInPunycode(String host, String wire) {
    assertEquals(wire, HostName.ascii(host));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      xn--bcher-kva.example       | bücher.example
      XN--BCHER-KVA.example       | bücher.example
      xn--e1afmkfd.xn--p1ai       | пример.рф
      xn--e1afmkfd.com            | пример.com
      xn--pypal-4ve.example       | xn--pypal-4ve.example
      xn--80ak6aa92e.com          | xn--80ak6aa92e.com
      xn--80ak6aa92e.xn--p1ai     | аррӏе.рф
      example.org                 | example.org
      xn--not-valid-punycode-!.org | xn--not-valid-punycode-!.org
      """)
  void aHostIsShownInUnicodeUnlessItMixesScripts(String wire, String shown) {
    assertEquals(shown, HostName.shown(wire));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      東京タワー  | true
      bücher    | true
      пример    | true
      pаypal    | false
      gооgle    | false
      abc123-x  | true
      한국어       | true
      """)
  void aLabelIsOneScriptOrOneLanguagesMix(String label, boolean single) {
    assertEquals(single, HostName.singleScript(label));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://xn--bcher-kva.example/f               | http://bücher.example/f
      http://xn--bcher-kva.example:8080/f?q#x      | http://bücher.example:8080/f?q#x
      https://u:***@xn--bcher-kva.example/f         | https://u:***@bücher.example/f
      http://xn--pypal-4ve.example/login           | http://xn--pypal-4ve.example/login
      http://[::1]:80/x                            | http://[::1]:80/x
      http://example.org/xn--bcher-kva             | http://example.org/xn--bcher-kva
      not a url                                    | not a url
      """)
  void aUrlIsShownWithItsHostShown(String url, String shown) {
    assertEquals(shown, HostName.shownIn(url));
  }

  @org.junit.jupiter.api.Test
  void aHostThatIsNoNameIsRefused() {
    // a label of over 63 characters once in punycode
    assertThrows(IllegalArgumentException.class, () -> HostName.ascii("\u00fc" + "a".repeat(70) + ".example"));
  }
}

package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoProxyTest {
  @ParameterizedTest(name = "no_proxy={0} host={1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      example.com                  | example.com          | true
      example.com                  | www.example.com      | true
      example.com                  | a.b.example.com      | true
      example.com                  | EXAMPLE.COM          | true
      example.com                  | example.com.         | true
      example.com                  | notexample.com       | false
      example.com                  | example.com.evil.net | false
      example.com                  | com                  | false
      .example.com                 | example.com          | true
      .example.com                 | www.example.com      | true
      Example.COM                  | www.example.com      | true
      'a.test, example.com ,b.test'| www.example.com      | true
      'a.test example.com'         | example.com          | true
      a.test,,b.test               | b.test               | true
      a.test,b.test                | c.test               | false
      *                            | anything.at.all      | true
      *                            | 10.1.2.3             | true
      'a.test,*'                   | anything.at.all      | true
      *.example.com                | www.example.com      | false
      ''                           | example.com          | false
      localhost                    | localhost            | true
      127.0.0.1                    | 127.0.0.1            | true
      127.0.0.1                    | 127.0.0.2            | false
      127.0.0.1                    | localhost            | false
      10.0.0.0/8                   | 10.200.3.4           | true
      10.0.0.0/8                   | 11.0.0.1             | false
      192.168.1.0/24               | 192.168.1.77         | true
      192.168.1.0/24               | 192.168.2.1          | false
      0.0.0.0/0                    | 8.8.8.8              | true
      1.2.3.4                      | 1.2.3.4.example.com  | false
      ::1                          | [::1]                | true
      [::1]                        | ::1                  | true
      fd00::/8                     | [fd12:3456::1]       | true
      fd00::/8                     | [fe80::1]            | false
      0.1                          | 10.0.0.1             | false
      """)
  void decidesWhichHostsGoDirect(String noProxy, String host, boolean direct) {
    assertEquals(direct, NoProxy.parse(noProxy).matches(host));
  }
}

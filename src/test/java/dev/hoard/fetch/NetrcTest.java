package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetrcTest {
  @TempDir Path dir;

  private static String lookup(String text, String host) throws Exception {
    return Netrc.parse(text.replace("\\n", "\n"), "netrc").find(host)
        .map(l -> l.login() + "/" + l.password()).orElse("none");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      machine a.test login alice password pw1                                      | a.test   | alice/pw1
      machine a.test login alice password pw1                                      | A.TEST   | alice/pw1
      machine a.test login alice password pw1                                      | b.test   | none
      machine a.test login alice password pw1                                      | x.a.test | none
      machine a.test\\nlogin alice\\npassword pw1                                  | a.test   | alice/pw1
      machine a.test password pw1 login alice                                      | a.test   | alice/pw1
      machine a.test login alice password pw1 machine b.test login bob password pw2 | b.test   | bob/pw2
      machine a.test login first password 1 machine a.test login second password 2 | a.test   | first/1
      machine a.test login alice password pw1 default login anon password guest    | b.test   | anon/guest
      default login anon password guest machine a.test login alice password pw1    | a.test   | alice/pw1
      machine a.test login alice account acct password pw1                         | a.test   | alice/pw1
      machine a.test login alice                                                   | a.test   | alice/
      machine a.test password pw1                                                  | a.test   | /pw1
      machine a.test                                                               | a.test   | none
      machine a.test login "alice smith" password "p w"                            | a.test   | alice smith/p w
      machine a.test login alice password "q\\"uote\\\\back"                       | a.test   | alice/q"uote\\back
      machine a.test login alice password "tab\\there"                             | a.test   | alice/tab\there
      machine a.test login alice password pw#1                                     | a.test   | alice/pw#1
      # a comment\\nmachine a.test login alice password pw1                        | a.test   | alice/pw1
      machine a.test login alice password pw1 # trailing comment                   | a.test   | alice/pw1
      machine a.test login alice password pw1 #comment machine b.test              | b.test   | none
      machine a.test login alice password machine                                  | a.test   | alice/machine
      machine ::1 login alice password pw1                                         | [::1]    | alice/pw1
      ''                                                                           | a.test   | none
      """)
  void findsTheCredentialsForAHost(String text, String host, String expected) throws Exception {
    assertEquals(expected.replace("\\t", "\t"), lookup(text, host).replace("\\\\", "\\"));
  }

  @Test
  void skipsAMacroBodyUpToTheBlankLine() throws Exception {
    String text = """
        machine a.test login alice password pw1
        macdef init
        cd /pub
        machine evil.test login mallory password nope

        machine b.test login bob password pw2
        """;
    Netrc netrc = Netrc.parse(text, "netrc");
    assertEquals(Optional.empty(), netrc.find("evil.test"));
    assertEquals("bob", netrc.find("b.test").orElseThrow().login());
    assertEquals("alice", netrc.find("a.test").orElseThrow().login());
  }

  @Test
  void findsTheEntryOfTheLoginTheUrlNames() throws Exception {
    Netrc netrc = Netrc.parse("""
        machine a.test login alice password pw1
        machine a.test login bob password pw2
        default login anon password guest
        """, "netrc");
    assertEquals("pw2", netrc.find("a.test", "bob").orElseThrow().password());
    assertEquals(Optional.empty(), netrc.find("a.test", "carol"));
    assertEquals("guest", netrc.find("b.test", "anon").orElseThrow().password());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      login alice password pw1                          | netrc line 1: "login" before any machine or default
      machine a.test\\nlogin alice\\nport 21            | netrc line 3: unexpected "port"
      machine a.test login alice password               | netrc line 1: "password" without a value
      machine                                           | netrc line 1: "machine" without a value
      machine a.test login "alice password pw1          | netrc line 1: a quoted word is not closed
      machine a.test\\n\\nlogin "al\\nice"              | netrc line 3: a quoted word is not closed
      machine a.test "login" alice                      | netrc line 1: unexpected "login"
      """)
  void aParseErrorNamesTheFileAndLine(String text, String message) {
    SetupException e = assertThrows(SetupException.class, () -> Netrc.parse(text.replace("\\n", "\n"), "netrc"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void loadsAFileAndWarnsWhenOthersCanReadIt() throws Exception {
    Path file = dir.resolve("netrc");
    Files.writeString(file, "machine a.test login alice password pw1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Netrc netrc = Netrc.load(file);

    assertEquals("alice", netrc.find("a.test").orElseThrow().login());
    String warning = netrc.warning().orElseThrow();
    assertTrue(warning.contains(file.toString()) && warning.contains("chmod 600"), warning);
    assertTrue(warning.startsWith("netrc file "), "the caller says it is a warning, once: " + warning);
  }

  @Test
  void aFileOnlyItsOwnerCanReadGivesNoWarning() throws Exception {
    Path file = dir.resolve("netrc");
    Files.writeString(file, "machine a.test login alice password pw1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertEquals(Optional.empty(), Netrc.load(file).warning());
  }

  @Test
  void aMissingFileIsAnErrorNamingIt() {
    Path file = dir.resolve("absent");
    SetupException e = assertThrows(SetupException.class, () -> Netrc.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void anAbsentDefaultFileMeansNoCredentials() throws Exception {
    assertEquals(Optional.empty(), Netrc.loadIfPresent(dir.resolve(".netrc")).find("a.test"));
  }

  @Test
  void aParseErrorInAFileNamesThatFile() throws Exception {
    Path file = Files.writeString(dir.resolve("netrc"), "machine a.test\nlogin\n");
    SetupException e = assertThrows(SetupException.class, () -> Netrc.load(file));
    assertEquals(file + " line 2: \"login\" without a value", e.getMessage());
  }

  @Test
  void theDefaultFileIsNetrcInHome() {
    assertEquals(Path.of("/home/alice/.netrc"), Netrc.defaultFile(Map.of("HOME", "/home/alice")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://a.test/file                 | Basic YWxpY2U6cHcx
      https://a.test:8443/file           | Basic YWxpY2U6cHcx
      http://A.Test/file                 | Basic YWxpY2U6cHcx
      http://b.test/file                 | Basic Ym9iOnB3Mg==
      http://c.test/file                 | none
      http://sub.a.test/file             | none
      http://alice:own@a.test/file       | none
      http://bob@a.test/file             | Basic Ym9iOnB3Mw==
      http://carol@a.test/file           | none
      """)
  void givesEachUrlTheCredentialsOfItsOwnHost(String url, String expected) throws Exception {
    Netrc netrc = Netrc.parse("""
        machine a.test login alice password pw1
        machine b.test login bob password pw2
        machine a.test login bob password pw3
        """, "netrc");
    assertEquals(expected, netrc.authorization(java.net.URI.create(url)).orElse("none"));
  }

  @Test
  void credentialsBecomeABasicHeaderAndNeverPrintThePassword() {
    Netrc.Login login = new Netrc.Login("Aladdin", "open sesame");
    assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", login.basicAuthorization());
    assertEquals("Aladdin:***", login.toString());
  }
}

package dev.scry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScryConnectStringTest {

  private static Properties props(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  private static Properties translate(String url, Properties info) throws SQLException {
    return ScryConnectString.toAvaticaProperties(url, info);
  }

  @Test
  void hostAndPortBecomeAvaticaHttpUrlWithProtobuf() throws SQLException {
    Properties avatica = translate("jdbc:scry://gateway.example:9000", new Properties());

    assertEquals(
        Map.of(
            "url",
            "http://gateway.example:9000",
            "serialization",
            "protobuf",
            "fetch_size",
            "5000",
            "factory",
            "dev.scry.jdbc.FrameReadingServiceFactory#PLAIN"),
        avatica);
  }

  @Test
  void framesAreReadByHandOnlyOverProtobufAndUnlessAnotherServiceIsNamed() throws SQLException {
    assertEquals(
        null, translate("jdbc:scry://h:1;serialization=json", null).getProperty("factory"));
    assertEquals(
        "my.Factory", translate("jdbc:scry://h:1;factory=my.Factory", null).getProperty("factory"));
    assertEquals(
        "dev.scry.jdbc.FrameReadingServiceFactory#PLAIN",
        translate("jdbc:scry://h:1;serialization=PROTOBUF", null).getProperty("factory"));
    Properties prefetching = translate("jdbc:scry://h:1;prefetch=true", null);
    assertEquals(
        "dev.scry.jdbc.FrameReadingServiceFactory#PREFETCHING", prefetching.getProperty("factory"));
    assertEquals(
        null, prefetching.getProperty("prefetch"), "a driver setting, not sent to the gateway");
    SQLException error =
        assertThrows(SQLException.class, () -> translate("jdbc:scry://h:1;prefetch=yes", null));
    assertTrue(
        error.getMessage().contains("property prefetch for //h:1 must be true or false, not 'yes'"),
        error.getMessage());
  }

  @Test
  void fetchSizeDefaultsToTheGatewaysFrameSizeUnlessGiven() throws SQLException {
    assertEquals("5000", translate("jdbc:scry://h:1", null).getProperty("fetch_size"));
    assertEquals("20", translate("jdbc:scry://h:1;fetch_size=20", null).getProperty("fetch_size"));
    assertEquals(
        "30", translate("jdbc:scry://h:1", props("fetch_size", "30")).getProperty("fetch_size"));
  }

  @Test
  void trailingSlashAndMissingInfoAreAccepted() throws SQLException {
    Properties avatica = translate("jdbc:scry://127.0.0.1:8765/", null);

    assertEquals("http://127.0.0.1:8765", avatica.getProperty("url"));
  }

  @Test
  void portDefaultsTo8765() throws SQLException {
    assertEquals("http://localhost:8765", translate("jdbc:scry://localhost", null).get("url"));
  }

  @Test
  void bracketedIpv6HostIsKept() throws SQLException {
    assertEquals("http://[::1]:9001", translate("jdbc:scry://[::1]:9001/", null).get("url"));
  }

  @Test
  void userAndPasswordBecomeBasicAuthenticationAndPasswordIsNotForwarded() throws SQLException {
    Properties avatica =
        translate("jdbc:scry://h:1", props("user", "analyst", "password", "s3cret"));

    assertEquals("BASIC", avatica.getProperty("authentication"));
    assertEquals("analyst", avatica.getProperty("avatica_user"));
    assertEquals("s3cret", avatica.getProperty("avatica_password"));
    assertEquals("analyst", avatica.getProperty("user"));
    assertFalse(avatica.containsKey("password"), "plain password must not be forwarded");
  }

  @Test
  void userWithoutPasswordSendsEmptyPassword() throws SQLException {
    Properties avatica = translate("jdbc:scry://h:1", props("user", "analyst"));

    assertEquals("", avatica.getProperty("avatica_password"));
  }

  @Test
  void noUserMeansNoAuthentication() throws SQLException {
    Properties avatica = translate("jdbc:scry://h:1", props("password", "ignored"));

    assertFalse(avatica.containsKey("authentication"));
    assertFalse(avatica.containsKey("avatica_user"));
    assertFalse(avatica.containsKey("avatica_password"));
    assertFalse(avatica.containsKey("password"));
  }

  @Test
  void explicitAuthenticationTypeIsKept() throws SQLException {
    Properties avatica =
        translate("jdbc:scry://h:1", props("user", "u", "authentication", "DIGEST"));

    assertEquals("DIGEST", avatica.getProperty("authentication"));
  }

  @Test
  void sslSwitchesToHttpsAndTruststorePassesThrough() throws SQLException {
    Properties avatica =
        translate(
            "jdbc:scry://secure.example:8443",
            props(
                "ssl",
                "true",
                "truststore",
                "/etc/scry/trust.jks",
                "truststore_password",
                "changeit"));

    assertEquals("https://secure.example:8443", avatica.getProperty("url"));
    assertEquals("/etc/scry/trust.jks", avatica.getProperty("truststore"));
    assertEquals("changeit", avatica.getProperty("truststore_password"));
    assertFalse(avatica.containsKey("ssl"));
  }

  @Test
  void sslFalseStaysHttp() throws SQLException {
    assertEquals("http://h:1", translate("jdbc:scry://h:1;ssl=false", null).get("url"));
  }

  @Test
  void schemaPassesThroughUnchanged() throws SQLException {
    assertEquals("Sales", translate("jdbc:scry://h:1", props("schema", "Sales")).get("schema"));
  }

  @Test
  void semicolonExtrasPassThroughAndOverrideProperties() throws SQLException {
    Properties avatica =
        translate(
            "jdbc:scry://h:1/;schema=lake;user=bob;password=pw",
            props("schema", "ignored", "user", "alice", "fetch_size", "500"));

    assertEquals("lake", avatica.getProperty("schema"));
    assertEquals("bob", avatica.getProperty("avatica_user"));
    assertEquals("pw", avatica.getProperty("avatica_password"));
    assertEquals("500", avatica.getProperty("fetch_size"));
  }

  @Test
  void queryStyleExtrasPassThrough() throws SQLException {
    Properties avatica = translate("jdbc:scry://h:1?schema=lake&ssl=true&serialization=json", null);

    assertEquals("lake", avatica.getProperty("schema"));
    assertEquals("https://h:1", avatica.getProperty("url"));
    assertEquals("json", avatica.getProperty("serialization"), "explicit serialization wins");
  }

  @Test
  void givenAvaticaUrlCannotRedirectTheConnection() throws SQLException {
    Properties avatica = translate("jdbc:scry://h:1", props("url", "http://elsewhere:2"));

    assertEquals("http://h:1", avatica.getProperty("url"));
  }

  @Test
  void callersPropertiesAreNotModified() throws SQLException {
    Properties info = props("user", "analyst", "password", "s3cret", "ssl", "true");

    translate("jdbc:scry://h:1", info);

    assertEquals(props("user", "analyst", "password", "s3cret", "ssl", "true"), info);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:scry:h:1",
        "jdbc:scry://",
        "jdbc:scry://:8765",
        "jdbc:scry://h:port",
        "jdbc:scry://h:0",
        "jdbc:scry://h:70000",
        "jdbc:scry://h:1/db",
        "jdbc:scry://h:1;novalue",
        "jdbc:scry://h:1;=x",
        "jdbc:scry://::1:8765",
        "jdbc:scry://[::1:8765",
        "jdbc:scry://h:1;ssl=yes",
      })
  void malformedUrlsAreRejectedWithConnectionState(String url) {
    SQLException error = assertThrows(SQLException.class, () -> translate(url, null));

    assertEquals("08001", error.getSQLState());
    assertTrue(error.getMessage().startsWith("Malformed Scry JDBC URL: "), error.getMessage());
  }

  @Test
  void errorNamesTheBadPort() {
    SQLException error =
        assertThrows(SQLException.class, () -> translate("jdbc:scry://h:80a", null));

    assertEquals(
        "Malformed Scry JDBC URL: port '80a' in //h:80a is not a number", error.getMessage());
  }

  @Test
  void errorNeverEchoesExtrasThatMayHoldAPassword() {
    SQLException error =
        assertThrows(
            SQLException.class, () -> translate("jdbc:scry://h:1;password=s3cret;broken", null));

    assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    assertTrue(error.getMessage().contains("'broken'"), error.getMessage());
  }

  @Test
  void acceptsOnlyTheScryPrefix() {
    assertTrue(ScryConnectString.accepts("jdbc:scry://h:1"));
    assertFalse(ScryConnectString.accepts("jdbc:avatica:remote:url=http://h:1"));
    assertFalse(ScryConnectString.accepts(null));
  }

  @Test
  void emptyExtrasSegmentsAreSkipped() throws SQLException {
    Properties avatica = translate("jdbc:scry://h:1;;schema=s;", null);

    assertEquals("s", avatica.getProperty("schema"));
    assertNull(avatica.getProperty(""));
  }
}

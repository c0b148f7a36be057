package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./scry sql} against a gateway (a JVM of its own) with HTTP Basic and TLS: the launcher's
 * {@code --user} (sqlline asks for the password, here read from the piped input) and
 * {@code --truststore} (its password from {@code SCRY_TRUSTSTORE_PASSWORD}); SQL comes from stdin.
 * {@code --flight} does the same through Arrow's Flight SQL JDBC driver on the Flight port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScrySqlCommandTest {
  private static final Path LAUNCHER = Path.of("..", "scry").toAbsolutePath().normalize();

  /** The result row in sqlline's csv format, alone on its line: a bare "42" also matches log timestamps. */
  private static final Pattern ANSWER_ROW = Pattern.compile("(?m)^'?42'?\\s*$");

  @TempDir static Path work;

  private ChildGateway gateway;
  private Path trustStore;

  @BeforeAll
  void start() throws Exception {
    Path keyStore = work.resolve("server.p12");
    trustStore = work.resolve("trust.p12");
    Path cert = work.resolve("server.cer");
    String storePassword = TestSecrets.SQL_SHELL_KEYSTORE_PASSWORD;
    AuthenticationAndTlsTest.keytool(
        "-genkeypair",
        "-alias",
        "scry",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        storePassword);
    AuthenticationAndTlsTest.keytool(
        "-exportcert",
        "-alias",
        "scry",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        storePassword,
        "-file",
        cert.toString());
    AuthenticationAndTlsTest.keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "scry",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        TestSecrets.SQL_SHELL_TRUSTSTORE_PASSWORD);
    String yaml =
        """
        server:
          host: 127.0.0.1
          port: 0
          flight:
            port: 0
          auth:
            type: basic
            users:
              - name: shell
                password-env: SCRY_TEST_SHELL_PASSWORD
          tls:
            keystore: %s
            keystore-type: PKCS12
            password-env: SCRY_TEST_KEYSTORE_PASSWORD
        warehouse: %s
        spark:
          master: local[1]
        """
            .formatted(keyStore, work.resolve("warehouse"));
    gateway =
        ChildGateway.start(
            work,
            yaml,
            List.of("-Xmx1g"),
            Map.of(
                "SCRY_TEST_SHELL_PASSWORD",
                TestSecrets.SQL_SHELL_PASSWORD,
                "SCRY_TEST_KEYSTORE_PASSWORD",
                storePassword));
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void theRightPasswordRunsPipedSqlOverTls() throws Exception {
    String output = runShell(TestSecrets.SQL_SHELL_PASSWORD, "SELECT 40 + 2 AS answer_column;\n");
    assertTrue(output.contains("ANSWER_COLUMN") || output.contains("answer_column"), output);
    assertTrue(ANSWER_ROW.matcher(output).find(), output);
    assertFalse(
        output.contains(TestSecrets.SQL_SHELL_PASSWORD),
        "the shell echoed the password:\n" + output);
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    String output =
        runShell("not-" + TestSecrets.SQL_SHELL_PASSWORD, "SELECT 40 + 2 AS answer_column;\n");
    assertTrue(output.contains("refused the credentials"), output);
    assertTrue(output.contains("state=28000"), output);
    assertFalse(ANSWER_ROW.matcher(output).find(), output);
  }

  @Test
  void anErrorShowsItsSentenceAndState() throws Exception {
    String output =
        runShell(TestSecrets.SQL_SHELL_PASSWORD, "SELECT nosuchcol FROM (VALUES 1) AS t(x);\n");
    assertTrue(
        output.contains(
            "Column 'nosuchcol' not found in any table at line 1, column 8 (statement "),
        output);
    assertTrue(output.contains("state=42S22,code=1003"), output);
    assertFalse(output.contains("Exception"), output);
  }

  @Test
  void sqllinesMetadataCommandsBrowseTheCatalog() throws Exception {
    String output =
        runShell(
            TestSecrets.SQL_SHELL_PASSWORD,
            """
        CREATE SCHEMA shell_browse;
        CREATE TABLE shell_browse.numbers AS SELECT CAST(x AS TINYINT) AS tiny, CAST(x AS BIGINT) AS big FROM (VALUES 1, 2) AS t(x);
        !tables
        !columns numbers
        !describe numbers
        !primarykeys numbers
        !typeinfo
        """);
    assertTrue(output.contains("'shell_browse','numbers','TABLE'"), output);
    assertTrue(output.contains("'numbers','tiny','-6','TINYINT'"), output);
    assertTrue(
        output.contains("'TABLE_CAT','TABLE_SCHEM','TABLE_NAME','COLUMN_NAME','KEY_SEQ','PK_NAME'"),
        output);
    assertTrue(output.contains("'TINYINT','-6','3'"), output);
    assertFalse(output.contains("Exception"), output);
    assertFalse(output.contains("Error"), output);
  }

  /**
   * EXPLAIN ANALYZE in sqlline: one plan line per row, and an operator of Spark's plan (Spark may fold
   * a filter over VALUES into its local scan) reports the two rows left.
   */
  @Test
  void explainAnalyzeReadsAsOneLinePerRow() throws Exception {
    String output =
        runShell(
            TestSecrets.SQL_SHELL_PASSWORD,
            "EXPLAIN ANALYZE SELECT x FROM (VALUES 1, 2, 3) AS t(x) WHERE x > 1;\n");
    assertTrue(output.contains("'PLAN'"), output);
    assertTrue(Pattern.compile("(?m)^'Ran in \\d+ ms; Spark").matcher(output).find(), output);
    assertTrue(Pattern.compile("(?m)^'\\s+\\S.* \\[rows 2[,\\]]").matcher(output).find(), output);
    assertFalse(output.contains("Exception"), output);
  }

  @Test
  void theFlightShellRunsPipedSqlOverTlsWithTheRightPassword() throws Exception {
    String output =
        runShell(
            List.of("--flight", "--url", gateway.flightUrl().orElseThrow()),
            TestSecrets.SQL_SHELL_PASSWORD,
            """
            SELECT 40 + 2 AS answer_column;
            SELECT x, x * 2 AS doubled FROM (VALUES 1, 2, 3) AS t(x) ORDER BY x;
            """);
    assertTrue(ANSWER_ROW.matcher(output).find(), output);
    assertTrue(output.contains("'1','2'"), output);
    assertTrue(output.contains("'3','6'"), output);
    assertFalse(output.contains("Exception"), output);
    assertFalse(
        output.contains(TestSecrets.SQL_SHELL_PASSWORD),
        "the shell echoed the password:\n" + output);
  }

  @Test
  void theFlightShellRefusesAWrongPassword() throws Exception {
    String output =
        runShell(
            List.of("--flight", "--url", gateway.flightUrl().orElseThrow()),
            "not-" + TestSecrets.SQL_SHELL_PASSWORD,
            "SELECT 40 + 2 AS answer_column;\n");
    assertTrue(output.contains("refused the credentials"), output);
    assertTrue(output.contains("SQLSTATE 28000"), output);
    assertFalse(ANSWER_ROW.matcher(output).find(), output);
    assertFalse(
        output.contains(TestSecrets.SQL_SHELL_PASSWORD),
        "the shell showed the password:\n" + output);
  }

  /** Runs {@code ./scry sql} with {@code password} and then {@code sql} on its standard input. */
  private String runShell(String password, String sql) throws Exception {
    return runShell(List.of("--url", gateway.url()), password, sql);
  }

  /** Runs {@code ./scry sql} with {@code options}, {@code password}, then {@code sql} on stdin. */
  private String runShell(List<String> options, String password, String sql) throws Exception {
    assertTrue(Files.isRegularFile(LAUNCHER), "the launcher " + LAUNCHER);
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "sql"));
    command.addAll(options);
    command.addAll(
        List.of(
            "--user", "shell", "--truststore", trustStore.toString(), "--", "--outputformat=csv"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The build already made the driver jar and sqlline's folder: the launcher must not build
    // again.
    builder.environment().put("SCRY_NO_BUILD", "1");
    builder
        .environment()
        .put("SCRY_TRUSTSTORE_PASSWORD", TestSecrets.SQL_SHELL_TRUSTSTORE_PASSWORD);
    Process process = builder.start();
    try (var in = process.getOutputStream()) {
      in.write((password + "\n" + sql + "!quit\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the shell ended:\n" + output);
    Files.writeString(ScannedLogs.newFile("scry-sql-shell"), output, StandardCharsets.UTF_8);
    return output;
  }
}

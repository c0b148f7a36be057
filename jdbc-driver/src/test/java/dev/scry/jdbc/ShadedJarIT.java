package dev.scry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded driver jar on its own: a fresh JVM with nothing else on the class path must find the
 * driver and fail only because no gateway listens.
 */
class ShadedJarIT {

  private static Path shadedJar() {
    String location = System.getProperty("scry.shadedJar");
    assertTrue(
        location != null && !location.isBlank(),
        "system property scry.shadedJar is not set (failsafe passes it)");
    Path jar = Path.of(location);
    assertTrue(Files.isRegularFile(jar), "shaded jar missing: " + jar);
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aloneOnTheClassPathItLoadsAndReportsTheRefusedConnection(@TempDir Path work)
      throws Exception {
    Path probe = work.resolve("ScryDriverProbe.java");
    try (InputStream source =
        ShadedJarIT.class.getResourceAsStream("/probe/ScryDriverProbe.java")) {
      Files.copy(source, probe);
    }
    int port = freePort();
    String url = "jdbc:scry://127.0.0.1:" + port;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(java.toString(), "-cp", shadedJar().toString(), probe.toString(), url)
            .directory(work.toFile())
            .redirectError(work.resolve("stderr.txt").toFile())
            .redirectOutput(work.resolve("stdout.txt").toFile());
    builder.environment().remove("CLASSPATH");
    builder.environment().remove("JAVA_TOOL_OPTIONS");

    Process process = builder.start();
    // A guard against a hung child, not a timing assertion.
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("probe JVM did not finish");
    }
    String out = Files.readString(work.resolve("stdout.txt"), StandardCharsets.UTF_8);
    String err = Files.readString(work.resolve("stderr.txt"), StandardCharsets.UTF_8);
    String report = "stdout:\n" + out + "\nstderr:\n" + err;

    assertEquals(0, process.exitValue(), report);
    List<String> lines = out.lines().collect(Collectors.toList());
    assertEquals("driver=dev.scry.jdbc.ScryDriver", lines.get(0), report);
    assertTrue(lines.contains("error=java.sql.SQLNonTransientConnectionException"), report);
    assertTrue(lines.contains("sqlstate=08001"), report);
    assertTrue(
        out.contains(
            "message=Cannot connect to the Scry gateway at http://127.0.0.1:" + port + ": "),
        report);
    assertTrue(out.contains("Connection refused"), report);
    assertFalse(
        out.contains("NoClassDefFoundError")
            || err.contains("NoClassDefFoundError")
            || out.contains("ClassNotFoundException")
            || err.contains("ClassNotFoundException"),
        report);
    assertFalse(err.contains("SLF4J"), "the driver must not print SLF4J warnings\n" + report);
  }

  @Test
  void holdsTheDriverAndAvaticaButNotTheShell() throws IOException {
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());

      assertTrue(names.contains("dev/scry/jdbc/ScryDriver.class"));
      assertTrue(names.contains("org/apache/calcite/avatica/remote/Driver.class"));
      assertTrue(
          names.contains("dev/scry/wire/WireProtocol.class"),
          "the protocol markers (scry-wire) must be inside");
      assertTrue(
          names.contains("dev/scry/jdbc/shaded/org/slf4j/LoggerFactory.class"),
          "SLF4J must be inside, relocated");
      assertFalse(
          names.stream().anyMatch(n -> n.startsWith("org/slf4j/")),
          "unrelocated SLF4J would clash with a BI tool's own");
      assertFalse(
          names.stream().anyMatch(n -> n.startsWith("sqlline/") || n.startsWith("org/jline/")),
          "sqlline belongs in target/sqlline, not in the driver");
      assertFalse(
          names.stream().anyMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")),
          "signature files of the shaded jars must be dropped");
      List<String> drivers =
          new String(
                  jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty())
              .collect(Collectors.toList());
      assertTrue(drivers.contains("dev.scry.jdbc.ScryDriver"), drivers.toString());
    }
  }
}

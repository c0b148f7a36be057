package dev.scry.gateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one line of a failed start: class names and query strings out, the status by whose fault it is. */
class FailureLineTest {
  private static final Path LOG = Path.of("/var/log/scry/scry.log");

  @Test
  void plainTextDropsClassNamesQueryStringsAndLaterLines() {
    assertEquals(
        "Cannot read abfs://c@a.dfs.core.windows.net/x: Address already in use",
        FailureLine.plain(
            "Cannot read abfs://c@a.dfs.core.windows.net/x?sig=SECRET&sv=1: "
                + "java.net.BindException: Address already in use\n\tat somewhere"));
    assertEquals("no reason given", FailureLine.plain(null));
  }

  @Test
  void configurationFaultsExitWithTwoOthersWithOne() {
    assertEquals(
        new FailureLine("f.yaml: unknown key 'x'", 2),
        FailureLine.of(new ConfigException("f.yaml: unknown key 'x'"), LOG));
    assertEquals(2, FailureLine.of(StartupFailure.configuration("bad", null), LOG).status());
    assertEquals(
        1, FailureLine.of(StartupFailure.of("port 1 on h is already in use", null), LOG).status());
  }

  @Test
  void anUnexpectedFailurePointsToTheLog() {
    FailureLine line = FailureLine.of(new UncheckedIOException(new IOException("disk full")), LOG);
    assertEquals(1, line.status());
    assertTrue(
        line.text().startsWith("the gateway could not start (")
            && line.text().endsWith(LOG.toString()),
        line.text());
    assertTrue(!line.text().contains("java.io"), line.text());
  }
}

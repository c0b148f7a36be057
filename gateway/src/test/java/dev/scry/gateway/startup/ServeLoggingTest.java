package dev.scry.gateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where {@code scry serve} logs: the system property, else the environment variable, else .scry/logs. */
class ServeLoggingTest {
  @Test
  void thePropertyWinsThenTheVariableThenTheDefault() {
    assertEquals(Path.of("/p"), ServeLogging.directory("/p", "/e"));
    assertEquals(Path.of("/e"), ServeLogging.directory(null, "/e"));
    assertEquals(Path.of(".scry", "logs").toAbsolutePath(), ServeLogging.directory(" ", null));
  }
}

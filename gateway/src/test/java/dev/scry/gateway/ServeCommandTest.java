package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scry serve} in a JVM of its own: it prints one line with the JDBC URL once it accepts
 * connections ({@link ChildGateway} waits for it), and the demo answers README's first PREDICT query.
 */
class ServeCommandTest {
  @TempDir Path work;

  @Test
  void servePrintsItsUrlAndTheDemoScores() throws Exception {
    String yaml =
        """
        server:
          host: 127.0.0.1
          port: 0
          flight:
            port: 0
        warehouse: %s
        spark:
          master: local[2]
          conf:
            spark.sql.shuffle.partitions: "2"
        demo: true
        """
            .formatted(work.resolve("warehouse"));
    try (ChildGateway gateway = ChildGateway.start(work, yaml, List.of("-Xmx1g"), Map.of());
        Connection connection = DriverManager.getConnection(gateway.url());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(Readme.FIRST_QUERY)) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        double probability = rs.getDouble("churn_probability");
        assertTrue(probability > 0 && probability < 1, "probability " + probability);
        assertEquals(probability > 0.5 ? 1 : 0, rs.getLong("churn_label"));
      }
      assertEquals(10, rows);
      // The ready line shows the Flight SQL port's URL; Arrow's driver gets the same rows there.
      String flightUrl = gateway.flightUrl().orElseThrow();
      assertTrue(flightUrl.startsWith("jdbc:arrow-flight-sql://127.0.0.1:"), flightUrl);
      try (Connection flight = DriverManager.getConnection(flightUrl);
          Statement flightStatement = flight.createStatement();
          ResultSet flightRows = flightStatement.executeQuery(Readme.FIRST_QUERY)) {
        int flightCount = 0;
        while (flightRows.next()) {
          flightCount++;
        }
        assertEquals(10, flightCount);
      }
    }
  }
}

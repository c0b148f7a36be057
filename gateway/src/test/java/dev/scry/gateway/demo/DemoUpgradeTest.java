package dev.scry.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scry.gateway.RunningGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse left by a Scry from before data folders, whose demo table has its files at its root and
 * no data folder in the catalog, still serves the demo rows after an upgrade.
 */
class DemoUpgradeTest {
  @TempDir Path work;

  @Test
  void demoTableWrittenAtItsRootIsRewrittenIntoADataFolder() throws Exception {
    try (RunningGateway first = RunningGateway.start(work, true)) {
      assertEquals(DemoSetup.CUSTOMERS, countCustomers(first));
    }
    Path table = work.resolve("warehouse").resolve(DemoSetup.SCHEMA).resolve(DemoSetup.TABLE);
    moveDataFolderToRoot(table);
    dropDataFolders(work.resolve("warehouse/_scry/catalog.json"));

    try (RunningGateway upgraded = RunningGateway.start(work, true)) {
      assertEquals(DemoSetup.CUSTOMERS, countCustomers(upgraded), "the demo rows are back");
    }
  }

  private static long countCustomers(RunningGateway gateway) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM demo.customers")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** The layout an earlier Scry left: the Parquet files at the table's root. */
  private static void moveDataFolderToRoot(Path table) throws IOException {
    Path folder = table.resolve("data-demo");
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.toList();
    }
    for (Path file : files) {
      Files.move(file, table.resolve(file.getFileName()));
    }
    Files.delete(folder);
  }

  /** The catalog entry an earlier Scry wrote: a managed table without data folders. */
  private static void dropDataFolders(Path catalogFile) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode catalog = mapper.readTree(catalogFile.toFile());
    int dropped = 0;
    for (JsonNode holder : catalog.findParents("dataFolders")) {
      ((ObjectNode) holder).remove("dataFolders");
      dropped++;
    }
    assertEquals(1, dropped, "the demo table is the one managed table");
    mapper.writeValue(catalogFile.toFile(), catalog);
    // Hadoop's local file system keeps a checksum beside each file it wrote.
    Files.deleteIfExists(catalogFile.resolveSibling("." + catalogFile.getFileName() + ".crc"));
  }
}

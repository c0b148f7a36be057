package dev.scry.engine;

import dev.scry.planner.system.SystemTable;
import java.util.List;

/**
 * Where the rows of the gateway's system tables come from when a query reads one: the gateway's
 * memory, at that moment. Values are Java values of the columns' types (String, Integer, Long,
 * Double, {@link java.sql.Timestamp}) or null.
 */
public interface SystemTableSource {
  /** No system rows: engines used without a gateway (tests, the Transformer) read empty tables. */
  SystemTableSource NONE = table -> List.of();

  List<List<Object>> rows(SystemTable table);
}

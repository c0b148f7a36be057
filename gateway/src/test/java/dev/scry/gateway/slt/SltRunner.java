package dev.scry.gateway.slt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Runs sqllogictest records through one JDBC connection and checks each result as sqllogictest does. */
final class SltRunner {
  private final Connection connection;

  SltRunner(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /** Runs the records in order, at most {@code maxQueries} queries (statements all run). */
  SltReport run(List<SltRecord> records, int maxQueries) {
    SltReport report = new SltReport();
    for (SltRecord record : records) {
      if (record instanceof SltRecord.Statement statement) {
        String failure = execute(statement);
        report.statement(failure == null, record, failure == null ? "" : failure);
      } else if (report.queries() < maxQueries) {
        String failure = check((SltRecord.Query) record);
        report.query(failure == null, record, failure == null ? "" : failure);
      }
    }
    return report;
  }

  /** Null when the statement did what the script expects, else why not. */
  private String execute(SltRecord.Statement record) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(record.sql());
      return record.expectError() ? "statement succeeded where an error was expected" : null;
    } catch (SQLException e) {
      return record.expectError() ? null : "error " + e.getSQLState() + ": " + e.getMessage();
    }
  }

  /** Null when the query's result is the expected one, else why not. */
  private String check(SltRecord.Query query) {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(query.sql())) {
      int width = results.getMetaData().getColumnCount();
      if (width != query.types().length()) {
        return "wrong number of columns";
      }
      while (results.next()) {
        List<String> row = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
          row.add(SltValues.render(results.getObject(i), query.types().charAt(i - 1)));
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      return "error " + e.getSQLState() + ": " + e.getMessage();
    }
    List<String> values = query.sort().apply(rows);
    if (query.hashed()) {
      boolean same =
          values.size() == query.hashedCount() && SltValues.md5(values).equals(query.hash());
      return same ? null : "wrong result";
    }
    return values.equals(expectedValues(query, values.size())) ? null : "wrong result";
  }

  /** One value a line, or (as some scripts write them) a row's values on one line. */
  private static List<String> expectedValues(SltRecord.Query query, int count) {
    if (query.values().size() == count) {
      return query.values();
    }
    List<String> split = new ArrayList<>();
    for (String line : query.values()) {
      split.addAll(List.of(line.strip().split("\\s+")));
    }
    return split;
  }
}

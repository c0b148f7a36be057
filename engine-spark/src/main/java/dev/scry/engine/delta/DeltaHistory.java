package dev.scry.engine.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scry.engine.storage.StorageFailure;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.TableCommit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Delta table's history from the commit files its log still holds ({@code _delta_log/NNN.json};
 * older ones may have been cleaned up after a checkpoint): per commit, the operation and the engine
 * from its {@code commitInfo}; the time as Delta dates a commit (its in-commit timestamp where the
 * table keeps them, else the commit file's modification time, as time travel uses); and the rows
 * written: {@code operationMetrics.numOutputRows} where the writer recorded it (Spark does, Delta
 * Kernel does not), else the sum of {@code numRecords} over the commit's added files when each
 * carries it, else unknown.
 */
final class DeltaHistory {
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Configuration hadoop;

  DeltaHistory(Configuration hadoop) {
    this.hadoop = Objects.requireNonNull(hadoop, "hadoop");
  }

  List<TableCommit> read(TableDefinition table) {
    Path log = new Path(table.location(), "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(hadoop);
      if (!fs.exists(log)) {
        throw new ScryException(
            ErrorCode.SEMANTIC,
            "'" + table.location() + "' holds no Delta table (no _delta_log folder)");
      }
      FileStatus[] commits = fs.listStatus(log, path -> COMMIT.matcher(path.getName()).matches());
      List<TableCommit> history = new ArrayList<>();
      for (FileStatus commit :
          Arrays.stream(commits)
              .sorted(Comparator.comparing((FileStatus f) -> f.getPath().getName()).reversed())
              .toList()) {
        history.add(commit(fs, commit));
      }
      return history;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ScryException scry) {
        throw scry;
      }
      throw StorageFailure.find(e, table.location())
          .<RuntimeException>map(
              failure -> new ScryException(ErrorCode.STORAGE, failure.message(), e))
          .orElseGet(
              () ->
                  new ScryException(
                      ErrorCode.SEMANTIC,
                      "Cannot read the Delta log of "
                          + table.qualifiedName()
                          + "; see the gateway log",
                      e));
    }
  }

  private static TableCommit commit(FileSystem fs, FileStatus file) throws IOException {
    String name = file.getPath().getName();
    long version = Long.parseLong(name.substring(0, name.indexOf('.')));
    JsonNode info = null;
    long added = 0;
    boolean everyAddCounted = true;
    boolean anyAdd = false;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode action = JSON.readTree(line);
        if (action.has("commitInfo")) {
          info = action.get("commitInfo");
        } else if (action.has("add")) {
          anyAdd = true;
          OptionalLong records = numRecords(action.get("add"));
          if (records.isPresent()) {
            added += records.getAsLong();
          } else {
            everyAddCounted = false;
          }
        }
      }
    }
    long time = file.getModificationTime();
    String operation = "UNKNOWN";
    Optional<String> engine = Optional.empty();
    OptionalLong rows = anyAdd && everyAddCounted ? OptionalLong.of(added) : OptionalLong.empty();
    if (info != null) {
      if (info.hasNonNull("inCommitTimestamp")) {
        time = info.get("inCommitTimestamp").asLong();
      }
      operation = info.path("operation").asText(operation);
      if (info.hasNonNull("engineInfo")) {
        engine = Optional.of(info.get("engineInfo").asText());
      }
      JsonNode output = info.path("operationMetrics").path("numOutputRows");
      if (!output.isMissingNode() && !output.isNull()) {
        rows = OptionalLong.of(output.asLong());
      }
    }
    return new TableCommit(version, Instant.ofEpochMilli(time), operation, rows, engine);
  }

  /** An add action's {@code stats} is JSON in a string; its {@code numRecords}, where present. */
  private static OptionalLong numRecords(JsonNode add) throws IOException {
    JsonNode stats = add.get("stats");
    if (stats == null || !stats.isTextual()) {
      return OptionalLong.empty();
    }
    JsonNode records = JSON.readTree(stats.asText()).get("numRecords");
    return records == null || !records.canConvertToLong()
        ? OptionalLong.empty()
        : OptionalLong.of(records.asLong());
  }
}

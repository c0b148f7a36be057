package dev.scry.engine.delta;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A written file's statistics for its add action, read from its Parquet footer (one small read per
 * file, no scan): the row count, and per column the minimum, maximum and NULL count that Parquet kept
 * for each row group, merged by Delta Kernel's own footer reader. A column whose footer statistics
 * cannot be decoded leaves the file with its row count only.
 */
final class DeltaFileStats {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaFileStats.class);

  private final FileIO io;

  DeltaFileStats(FileIO io) {
    this.io = Objects.requireNonNull(io, "io");
  }

  DataFileStatus status(WrittenFile file, StructType dataSchema, List<Column> statsColumns)
      throws IOException {
    return new DataFileStatus(
        file.path(),
        file.size(),
        file.modificationTime(),
        Optional.of(statistics(file, dataSchema, statsColumns)));
  }

  private DataFileStatistics statistics(
      WrittenFile file, StructType dataSchema, List<Column> statsColumns) throws IOException {
    try {
      return ParquetStatsReader.readDataFileStatistics(
          io.newInputFile(file.path(), file.size()), dataSchema, statsColumns);
    } catch (IllegalArgumentException e) {
      LOG.warn("Column statistics of {} left out: {}", file.path(), e.getMessage());
      return ParquetStatsReader.readDataFileStatistics(
          io.newInputFile(file.path(), file.size()), dataSchema, List.of());
    }
  }
}

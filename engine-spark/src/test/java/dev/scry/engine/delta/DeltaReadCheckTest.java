package dev.scry.engine.delta;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Deletion vectors are applied up to a number of deleted rows per read, and refused beyond it. */
class DeltaReadCheckTest {
  @Test
  void deletedRowsUpToTheLimitAreApplied() {
    assertDoesNotThrow(
        () -> DeltaReadCheck.checkDeletionVectors("default.t", snapshot(60_000, 40_000)));
  }

  @Test
  void moreDeletedRowsThanTheLimitAreRefusedWithASentence() {
    ScryException e =
        assertThrows(
            ScryException.class,
            () -> DeltaReadCheck.checkDeletionVectors("default.t", snapshot(60_000, 40_001)));
    assertEquals(ErrorCode.NOT_SUPPORTED, e.code());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Delta table default.t has 100001 rows deleted by deletion vectors on 2 of the"
                    + " files read at version 7"),
        e.getMessage());
  }

  private static DeltaSnapshot snapshot(long... deleted) {
    List<DeltaFile> files =
        Arrays.stream(deleted)
            .mapToObj(
                rows ->
                    new DeltaFile(
                        "file:/t/part-" + rows + ".parquet",
                        100,
                        Map.of(),
                        Optional.of(
                            new DeletionVectorDescriptor(
                                "p", "file:/t/dv-" + rows + ".bin", Optional.of(1), 40, rows))))
            .toList();
    return new DeltaSnapshot("file:/t/", 7, new StructType(), List.of(), Map.of(), files);
  }
}

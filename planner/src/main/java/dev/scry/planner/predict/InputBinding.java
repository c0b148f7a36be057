package dev.scry.planner.predict;

import dev.scry.planner.model.ModelInput;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How one model input is filled from the fields (ordinals) of the DATA row.
 *
 * <p>{@link Source#COLUMNS}: each field is one scalar; together they fill, in order, the
 * {@code valuesPerRow} values of one row of the input (a [N,1] input from one column, or a [N,4] input
 * from four positional arguments). {@link Source#ARRAY}: one ARRAY field holds all {@code valuesPerRow}
 * values of a row, flattened in row-major order and reshaped to the input's non-batch dimensions
 * (a [N,1,28,28] input from an ARRAY of 784 numbers).
 */
public record InputBinding(
    ModelInput input,
    Source source,
    List<Integer> fields,
    List<String> fieldNames,
    int valuesPerRow)
    implements Serializable {
  public enum Source {
    COLUMNS,
    ARRAY
  }

  public InputBinding {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(source, "source");
    fields = List.copyOf(fields);
    fieldNames = List.copyOf(fieldNames);
    if (fields.size() != fieldNames.size()) {
      throw new IllegalArgumentException("fields and fieldNames differ in length");
    }
  }
}

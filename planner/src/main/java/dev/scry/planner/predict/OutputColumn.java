package dev.scry.planner.predict;

import dev.scry.planner.model.ElementType;
import java.io.Serializable;
import java.util.Objects;

/**
 * One result column that PREDICT appends after the DATA columns, and how its value is taken from a model
 * output for each row.
 */
public record OutputColumn(
    String columnName, String outputName, Extract extract, ElementType elementType)
    implements Serializable {
  public OutputColumn {
    Objects.requireNonNull(columnName, "columnName");
    Objects.requireNonNull(outputName, "outputName");
    Objects.requireNonNull(extract, "extract");
    Objects.requireNonNull(elementType, "elementType");
  }

  /** How a row's value is read from the output. */
  public sealed interface Extract extends Serializable {}

  /** A [N] or [N,1] tensor: the row's single value. */
  public record Scalar() implements Extract {}

  /** A [N,k] tensor with k at most 32: the row's value at {@code index}. */
  public record Element(int index) implements Extract {}

  /** A tensor with more values per row: all of them, flattened, as an ARRAY. */
  public record Array() implements Extract {}

  /** A sequence of maps (ZipMap): the row's map value for {@code classLabel}. */
  public record ClassValue(String classLabel) implements Extract {}
}

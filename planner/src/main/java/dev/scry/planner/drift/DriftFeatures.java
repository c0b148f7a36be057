package dev.scry.planner.drift;

import dev.scry.planner.ScryException;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.model.ModelSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Which values of a model's inputs are monitored, and where a baseline query holds them. A numeric
 * input of one value per row is one feature; a tensor input of k values per row (k up to
 * {@link #MAX_ELEMENTS}) is k features, one per element position, since a shift in one element (one
 * iris measurement) is what drift monitoring must show and a whole-tensor summary would blur it. String
 * and boolean inputs, and tensors of more elements (an image), are not monitored.
 */
public final class DriftFeatures {
  /** The same bound as PREDICT's per-element output columns. */
  static final int MAX_ELEMENTS = 32;

  private static final Set<ElementType> NOT_NUMERIC = Set.of(ElementType.STRING, ElementType.BOOL);

  private DriftFeatures() {}

  /** Each monitored feature of {@code signature}, read from the columns of {@code baseline}. */
  public static List<FeatureColumn> of(
      ModelSignature signature, RelDataType baseline, String model) {
    List<FeatureColumn> features = new ArrayList<>();
    for (ModelInput input : signature.inputs()) {
      int values = valuesPerRow(input);
      if (NOT_NUMERIC.contains(input.elementType()) || values < 1 || values > MAX_ELEMENTS) {
        continue;
      }
      RelDataTypeField column = baseline.getField(input.name(), false, false);
      if (column == null) {
        throw new ScryException(
            "The baseline of model '"
                + model
                + "' has no column named '"
                + input.name()
                + "' for the model's input of that name: name the baseline's columns after the"
                + " inputs (ARRAY[...] AS "
                + input.name()
                + ")");
      }
      boolean array = column.getType().getSqlTypeName() == SqlTypeName.ARRAY;
      if (values == 1) {
        features.add(new FeatureColumn(input.name(), -1, column.getIndex(), array ? 0 : -1));
      } else if (array) {
        for (int p = 0; p < values; p++) {
          features.add(new FeatureColumn(input.name(), p, column.getIndex(), p));
        }
      } else {
        throw new ScryException(
            "The baseline column '"
                + column.getName()
                + "' must be an ARRAY of "
                + values
                + " numbers, as the model's input of that name takes");
      }
    }
    if (features.isEmpty()) {
      throw new ScryException(
          "Model '" + model + "' has no numeric input to monitor: create it without a baseline");
    }
    return List.copyOf(features);
  }

  /** Values per row: the product of the dimensions after the batch one; 0 when one is unknown. */
  static int valuesPerRow(ModelInput input) {
    long values = 1;
    List<Long> shape = input.shape();
    for (int i = 1; i < shape.size(); i++) {
      if (shape.get(i) <= 0) {
        return 0;
      }
      values *= shape.get(i);
    }
    return values > Integer.MAX_VALUE ? 0 : (int) values;
  }
}

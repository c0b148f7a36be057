package dev.scry.planner.phase;

import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.PredictSpec;
import dev.scry.planner.rel.PredictRel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Calcite's field trimming, taught PREDICT: a {@link PredictRel} carries into its result only the DATA
 * fields its consumers read and appends only the outputs they read, and its input keeps only those fields
 * plus the ones the model is fed from. Spark cannot look inside the scoring step, so without this every
 * DATA column (an {@code ARRAY} built only to feed the model, say) would be copied through every row.
 *
 * <p>An input bound to an {@code ARRAY[a, b, …]} built in the Project right below is fed from the
 * elements themselves (as {@code PREDICT('m', a, b, …)} would be), so the array is never built: same
 * values, each cast to the array's element type first, as the array would have them.
 *
 * <p>At least one output stays even when none is read ({@code SELECT count(*) FROM PREDICT(…)}): the model
 * still scores every row, so bad input fails the same way whatever the query selects.
 */
public final class PredictFieldTrimmer extends RelFieldTrimmer {
  private final RelBuilder relBuilder;

  public PredictFieldTrimmer(RelBuilder relBuilder) {
    super(null, relBuilder);
    this.relBuilder = relBuilder;
  }

  /** Called by the trimmer's reflective dispatch for every PredictRel. */
  public TrimResult trimFields(
      PredictRel predict, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    PredictSpec spec = predict.spec();
    int carriedCount = spec.carriedFields().size();
    List<Integer> carriedUsed = new ArrayList<>();
    for (int i = 0; i < carriedCount; i++) {
      if (fieldsUsed.get(i)) {
        carriedUsed.add(i);
      }
    }
    List<Integer> outputsUsed = new ArrayList<>();
    for (int j = 0; j < spec.outputs().size(); j++) {
      if (fieldsUsed.get(carriedCount + j)) {
        outputsUsed.add(j);
      }
    }
    if (outputsUsed.isEmpty()) {
      outputsUsed.add(0);
    }

    ImmutableBitSet carriedInputFields =
        ImmutableBitSet.of(carriedUsed.stream().map(spec.carriedFields()::get).toList());
    Fed fed = unpackArrays(predict.getInput(), spec.inputs(), carriedInputFields);
    ImmutableBitSet.Builder inputFieldsUsed = carriedInputFields.rebuild();
    fed.bindings().forEach(binding -> binding.fields().forEach(inputFieldsUsed::set));
    TrimResult trimmedInput = trimChild(predict, fed.input(), inputFieldsUsed.build(), extraFields);
    Mapping inputMapping = trimmedInput.right;

    List<InputBinding> bindings =
        fed.bindings().stream()
            .map(
                binding ->
                    new InputBinding(
                        binding.input(),
                        binding.source(),
                        binding.fields().stream().map(inputMapping::getTarget).toList(),
                        binding.fieldNames(),
                        binding.valuesPerRow()))
            .toList();
    List<Integer> carried =
        carriedUsed.stream().map(i -> inputMapping.getTarget(spec.carriedFields().get(i))).toList();
    List<OutputColumn> outputs = outputsUsed.stream().map(spec.outputs()::get).toList();

    List<RelDataTypeField> oldFields = predict.getRowType().getFieldList();
    RelDataTypeFactory.Builder rowType = relBuilder.getTypeFactory().builder();
    Mapping mapping =
        Mappings.create(
            MappingType.INVERSE_SURJECTION, oldFields.size(), carriedUsed.size() + outputs.size());
    int next = 0;
    for (int i : carriedUsed) {
      rowType.add(oldFields.get(i));
      mapping.set(i, next++);
    }
    for (int j : outputsUsed) {
      rowType.add(oldFields.get(carriedCount + j));
      mapping.set(carriedCount + j, next++);
    }
    PredictRel trimmed =
        new PredictRel(
            predict.getCluster(),
            predict.getTraitSet(),
            trimmedInput.left,
            spec.narrowed(bindings, carried, outputs),
            rowType.build());
    return result(trimmed, mapping, predict);
  }

  /** The input and bindings after replacing ARRAY-constructor bindings with bindings to the elements. */
  private record Fed(RelNode input, List<InputBinding> bindings) {}

  private Fed unpackArrays(
      RelNode input, List<InputBinding> bindings, ImmutableBitSet carriedInputFields) {
    if (!(input instanceof LogicalProject project)) {
      return new Fed(input, bindings);
    }
    RexBuilder rex = relBuilder.getRexBuilder();
    List<RexNode> exprs = new ArrayList<>(project.getProjects());
    List<String> names = new ArrayList<>(project.getRowType().getFieldNames());
    List<InputBinding> fed = new ArrayList<>();
    for (InputBinding binding : bindings) {
      int field = binding.fields().get(0);
      if (binding.source() != InputBinding.Source.ARRAY
          || carriedInputFields.get(field)
          || !(exprs.get(field) instanceof RexCall array)
          || array.getKind() != SqlKind.ARRAY_VALUE_CONSTRUCTOR
          || array.getOperands().size() != binding.valuesPerRow()) {
        fed.add(binding);
        continue;
      }
      RelDataType element = array.getType().getComponentType();
      String arrayName = binding.fieldNames().get(0);
      List<Integer> fields = new ArrayList<>();
      List<String> fieldNames = new ArrayList<>();
      for (int k = 0; k < array.getOperands().size(); k++) {
        RexNode operand = array.getOperands().get(k);
        fields.add(exprs.size());
        boolean sameType =
            element == null
                || operand.getType().getSqlTypeName() == element.getSqlTypeName()
                    && operand.getType().getPrecision() == element.getPrecision()
                    && operand.getType().getScale() == element.getScale();
        exprs.add(sameType ? operand : rex.makeCast(element, operand, true, false));
        names.add(arrayName + "$" + (k + 1));
        fieldNames.add(arrayName + "[" + (k + 1) + "]");
      }
      fed.add(
          new InputBinding(
              binding.input(),
              InputBinding.Source.COLUMNS,
              fields,
              fieldNames,
              binding.valuesPerRow()));
    }
    if (fed.equals(bindings)) {
      return new Fed(input, bindings);
    }
    return new Fed(
        LogicalProject.create(
            project.getInput(), project.getHints(), exprs, names, project.getVariablesSet()),
        fed);
  }
}

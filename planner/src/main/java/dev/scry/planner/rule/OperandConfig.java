package dev.scry.planner.rule;

import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The configuration of a rule that needs nothing but what it matches: Calcite has Immutables generate a
 * class for each such configuration, Scry's rules share this one value ({@code withX} copies). A rule
 * that needs something of the session or the lake declares its own {@code Config} with it.
 *
 * @param <R> the rule it makes, with {@code rule}
 */
public record OperandConfig<R extends RelOptRule>(
    RelBuilderFactory relBuilderFactory,
    String description,
    RelRule.OperandTransform operandSupplier,
    Function<OperandConfig<R>, R> rule)
    implements RelRule.Config {
  public OperandConfig {
    Objects.requireNonNull(relBuilderFactory, "relBuilderFactory");
    Objects.requireNonNull(operandSupplier, "operandSupplier");
    Objects.requireNonNull(rule, "rule");
  }

  /** With Calcite's logical builder, as Calcite's own rules start. */
  static <R extends RelOptRule> OperandConfig<R> of(
      String description, RelRule.OperandTransform operands, Function<OperandConfig<R>, R> rule) {
    return new OperandConfig<>(RelFactories.LOGICAL_BUILDER, description, operands, rule);
  }

  @Override
  public OperandConfig<R> withRelBuilderFactory(RelBuilderFactory factory) {
    return new OperandConfig<>(factory, description, operandSupplier, rule);
  }

  @Override
  public OperandConfig<R> withDescription(String description) {
    return new OperandConfig<>(relBuilderFactory, description, operandSupplier, rule);
  }

  @Override
  public OperandConfig<R> withOperandSupplier(RelRule.OperandTransform transform) {
    return new OperandConfig<>(relBuilderFactory, description, transform, rule);
  }

  @Override
  public R toRule() {
    return rule.apply(this);
  }
}

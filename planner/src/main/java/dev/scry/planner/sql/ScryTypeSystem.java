package dev.scry.planner.sql;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/** Calcite's type system with Spark's limits: DECIMAL up to 38 digits. */
public final class ScryTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new ScryTypeSystem();

  private ScryTypeSystem() {}

  @Override
  public int getMaxNumericPrecision() {
    return 38;
  }

  @Override
  public int getMaxNumericScale() {
    return 38;
  }
}

package dev.scry.planner.sql;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Calcite's type system with Spark's limits: DECIMAL up to 38 digits. */
public final class ScryTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new ScryTypeSystem();
  private static final int SPARK_MAX_DECIMAL = 38;

  private ScryTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? SPARK_MAX_DECIMAL : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? SPARK_MAX_DECIMAL : super.getMaxScale(typeName);
  }
}

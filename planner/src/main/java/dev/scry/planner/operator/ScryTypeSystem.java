package dev.scry.planner.operator;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Spark's limits and Spark's aggregate result types, so that a query returns
 * the type (and so the rounding) Spark itself would: DECIMAL up to 38 digits; SUM of an integer is
 * BIGINT and SUM of DECIMAL(p,s) is DECIMAL(p+10,s); AVG of an integer is DOUBLE and AVG of DECIMAL(p,s)
 * is DECIMAL(p+4,s+4) (Calcite would keep the argument's type and round TPC-H Q1's averages to cents).
 */
public final class ScryTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new ScryTypeSystem();
  private static final int SPARK_MAX_DECIMAL = 38;

  private ScryTypeSystem() {}

  /**
   * Spark has no padded CHAR values: {@code CASE WHEN ... THEN 'mid' ELSE 'high' END} and
   * {@code SELECT 'a' UNION SELECT 'bbb'} give unpadded strings, so text of different lengths combines
   * to VARCHAR, not to a CHAR(n) that would pad {@code 'mid'} to {@code 'mid '}.
   */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    SqlTypeName name = argumentType.getSqlTypeName();
    if (SqlTypeName.INT_TYPES.contains(name)) {
      return nullableAs(typeFactory, typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType);
    }
    if (name == SqlTypeName.DECIMAL) {
      return nullableAs(
          typeFactory,
          decimal(typeFactory, argumentType.getPrecision() + 10, argumentType.getScale()),
          argumentType);
    }
    return super.deriveSumType(typeFactory, argumentType);
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    SqlTypeName name = argumentType.getSqlTypeName();
    if (SqlTypeName.INT_TYPES.contains(name)) {
      return nullableAs(typeFactory, typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType);
    }
    if (name == SqlTypeName.DECIMAL) {
      return nullableAs(
          typeFactory,
          decimal(typeFactory, argumentType.getPrecision() + 4, argumentType.getScale() + 4),
          argumentType);
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  private static RelDataType decimal(RelDataTypeFactory typeFactory, int precision, int scale) {
    int boundedScale = Math.min(scale, SPARK_MAX_DECIMAL);
    return typeFactory.createSqlType(
        SqlTypeName.DECIMAL, Math.min(precision, SPARK_MAX_DECIMAL), boundedScale);
  }

  private static RelDataType nullableAs(
      RelDataTypeFactory typeFactory, RelDataType type, RelDataType like) {
    return typeFactory.createTypeWithNullability(type, like.isNullable());
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? SPARK_MAX_DECIMAL : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? SPARK_MAX_DECIMAL : super.getMaxScale(typeName);
  }
}

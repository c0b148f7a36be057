package dev.scry.planner.catalog;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Converts between the catalog's {@link ColumnType} and Calcite's {@link RelDataType}. */
public final class ColumnTypes {
  private ColumnTypes() {}

  public static RelDataType toRelDataType(
      ColumnType type, boolean nullable, RelDataTypeFactory factory) {
    RelDataType relType;
    if (type.isArray()) {
      relType = factory.createArrayType(toRelDataType(type.element(), true, factory), -1);
    } else {
      SqlTypeName name = SqlTypeName.valueOf(type.typeName());
      if (type.precision() >= 0 && type.scale() >= 0 && name.allowsPrecScale(true, true)) {
        relType = factory.createSqlType(name, type.precision(), type.scale());
      } else if (type.precision() >= 0 && name.allowsPrecNoScale()) {
        relType = factory.createSqlType(name, type.precision());
      } else {
        relType = factory.createSqlType(name);
      }
    }
    return factory.createTypeWithNullability(relType, nullable);
  }

  public static ColumnType fromRelDataType(RelDataType type) {
    if (type.getComponentType() != null) {
      return ColumnType.arrayOf(fromRelDataType(type.getComponentType()));
    }
    SqlTypeName name = type.getSqlTypeName();
    int precision =
        name.allowsPrec() && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
            ? type.getPrecision()
            : -1;
    int scale =
        name.allowsScale() && type.getScale() != RelDataType.SCALE_NOT_SPECIFIED
            ? type.getScale()
            : -1;
    if (name == SqlTypeName.VARCHAR || name == SqlTypeName.CHAR) {
      precision =
          type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED ? -1 : type.getPrecision();
    }
    return new ColumnType(name.name(), precision, scale, null);
  }
}

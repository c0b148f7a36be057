package dev.scry.gateway.avatica;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.type.ImplicitCastOperandTypeChecker;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * One parameter or the return value of a function, as {@code DatabaseMetaData.getFunctionColumns}
 * reports it. A type Calcite states only as a family (any numeric type, any text) is named by the family
 * with the JDBC type of its default member; a type that depends on the call is OTHER, named ANY.
 */
public record FunctionColumn(
    String name,
    short columnType,
    int jdbcType,
    String typeName,
    boolean nullable,
    String remarks) {
  public FunctionColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(remarks, "remarks");
  }

  static FunctionColumn in(String name, int jdbcType, String typeName, String remarks) {
    return new FunctionColumn(
        name, (short) DatabaseMetaData.functionColumnIn, jdbcType, typeName, true, remarks);
  }

  static FunctionColumn returns(int jdbcType, String typeName, String remarks) {
    return new FunctionColumn(
        "", (short) DatabaseMetaData.functionReturn, jdbcType, typeName, true, remarks);
  }

  /**
   * The parameters of a built-in function, then its return value: as many parameters as the function
   * needs at least (optional ones follow, named as such); a function that takes any number more says so
   * in the last parameter's remarks.
   */
  static List<FunctionColumn> of(SqlFunction function, RelDataTypeFactory types) {
    SqlOperandCountRange count = function.getOperandCountRange();
    SqlOperandTypeChecker checker = function.getOperandTypeChecker();
    int listed = count.getMax() < 0 ? Math.max(count.getMin(), 1) : count.getMax();
    List<FunctionColumn> columns = new ArrayList<>();
    for (int i = 0; i < listed; i++) {
      SqlTypeFamily family =
          checker instanceof ImplicitCastOperandTypeChecker families && i < count.getMin()
              ? families.getOperandSqlTypeFamily(i)
              : null;
      String remarks = i >= count.getMin() ? "optional" : "";
      if (count.getMax() < 0 && i == listed - 1) {
        remarks = "may be repeated";
      }
      columns.add(
          family == null
              ? in("arg" + (i + 1), Types.OTHER, "ANY", remarks)
              : in(
                  "arg" + (i + 1),
                  jdbcType(family, types),
                  family.name().toUpperCase(Locale.ROOT),
                  remarks));
    }
    columns.add(returns(Types.OTHER, "ANY", "the type depends on the arguments"));
    return List.copyOf(columns);
  }

  private static int jdbcType(SqlTypeFamily family, RelDataTypeFactory types) {
    RelDataType concrete = family.getDefaultConcreteType(types);
    return concrete == null ? Types.OTHER : concrete.getSqlTypeName().getJdbcOrdinal();
  }
}

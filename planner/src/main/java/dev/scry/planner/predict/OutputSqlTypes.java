package dev.scry.planner.predict;

import dev.scry.planner.model.ElementType;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;

/** The SQL type a model output's element type is returned as. */
public final class OutputSqlTypes {
  private OutputSqlTypes() {}

  /** Empty for element types Scry cannot return (64-bit unsigned integers). */
  public static Optional<SqlTypeName> sqlTypeOf(ElementType elementType) {
    return Optional.ofNullable(
        switch (elementType) {
          case FLOAT, FLOAT16, BFLOAT16 -> SqlTypeName.REAL;
          case DOUBLE -> SqlTypeName.DOUBLE;
          case INT64, UINT32 -> SqlTypeName.BIGINT;
          case INT32, UINT16 -> SqlTypeName.INTEGER;
          case INT16, UINT8 -> SqlTypeName.SMALLINT;
          case INT8 -> SqlTypeName.TINYINT;
          case STRING -> SqlTypeName.VARCHAR;
          case BOOL -> SqlTypeName.BOOLEAN;
          case UINT64 -> null;
        });
  }
}

package dev.scry.planner.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/** Calcite's standard conversions, plus the scalar PREDICT (whose by-name form keeps column names). */
final class PredictConvertlets implements SqlRexConvertletTable {
  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() instanceof ScalarPredictFunction scalar) {
      return scalar::convert;
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }
}

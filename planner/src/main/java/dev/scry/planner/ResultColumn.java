package dev.scry.planner;

import java.util.Objects;
import org.apache.calcite.sql.type.SqlTypeName;

/** A column of a command's result: its label and SQL type (all command columns are nullable). */
public record ResultColumn(String name, SqlTypeName type) {
  public ResultColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public static ResultColumn varchar(String name) {
    return new ResultColumn(name, SqlTypeName.VARCHAR);
  }
}

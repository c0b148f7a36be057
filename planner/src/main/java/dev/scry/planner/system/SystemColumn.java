package dev.scry.planner.system;

import java.util.Objects;
import org.apache.calcite.sql.type.SqlTypeName;

/** One column of a system table; every system column may be NULL (a figure not known yet). */
public record SystemColumn(String name, SqlTypeName type) {
  public SystemColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}

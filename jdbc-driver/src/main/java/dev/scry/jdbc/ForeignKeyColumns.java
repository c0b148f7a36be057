package dev.scry.jdbc;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/**
 * The columns of getImportedKeys, getExportedKeys and getCrossReference. Avatica's client answers these
 * itself, with no rows, but labels the last column DEFERABILITY; JDBC names it DEFERRABILITY, and a tool
 * that reads it by name would fail. Scry has no keys, so the result stays empty.
 */
final class ForeignKeyColumns {
  private ForeignKeyColumns() {}

  /** An empty foreign-key result set with the specification's labels, on {@code connectionId}. */
  static Meta.MetaResultSet emptyResult(String connectionId) {
    List<ColumnMetaData> columns = new ArrayList<>();
    for (Field field : MetaImpl.MetaImportedKey.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        String label =
            field.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        columns.add(
            MetaImpl.columnMetaData(
                label.equals("DEFERABILITY") ? "DEFERRABILITY" : label,
                columns.size(),
                field.getType(),
                !field.getType().isPrimitive()));
      }
    }
    Meta.Signature signature =
        Meta.Signature.create(
            columns, "", List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    return Meta.MetaResultSet.create(connectionId, -1, true, signature, Meta.Frame.EMPTY);
  }
}

package dev.scry.planner.parser.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/** PARTITIONED BY and OPTIONS, shared by both CREATE TABLE statements. */
record TableClauses(SqlNodeList partitionColumns, SqlNodeList options) {
  TableClauses {
    Objects.requireNonNull(partitionColumns, "partitionColumns");
    Objects.requireNonNull(options, "options");
    for (SqlNode column : partitionColumns) {
      if (!(column instanceof SqlIdentifier id) || !id.isSimple()) {
        throw new IllegalArgumentException("partition column must be a simple name: " + column);
      }
    }
    for (SqlNode option : options) {
      if (!(option instanceof ScryTableOption)) {
        throw new IllegalArgumentException("not a table option: " + option);
      }
    }
  }

  List<String> partitionColumnNames() {
    List<String> names = new ArrayList<>();
    for (SqlNode column : partitionColumns) {
      names.add(((SqlIdentifier) column).getSimple());
    }
    return Collections.unmodifiableList(names);
  }

  Map<String, String> optionMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (SqlNode node : options) {
      ScryTableOption option = (ScryTableOption) node;
      map.put(option.keyName(), option.valueText());
    }
    return Collections.unmodifiableMap(map);
  }

  void unparsePartitioningAndOptions(SqlWriter writer) {
    if (!partitionColumns.isEmpty()) {
      writer.keyword("PARTITIONED BY");
      Unparsing.parenthesized(writer, partitionColumns);
    }
    if (!options.isEmpty()) {
      writer.keyword("OPTIONS");
      Unparsing.parenthesized(writer, options);
    }
  }
}

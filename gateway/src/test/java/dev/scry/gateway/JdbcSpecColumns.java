package dev.scry.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The columns JDBC 4.3's {@code DatabaseMetaData} javadoc gives each result set, written out from the
 * specification (not from Avatica's or Scry's code, so a test can hold either to it). Names, in order;
 * a name followed by {@code ?} may be NULL ("may be null" in the specification); the Java type is the
 * one the specification names, as one letter: S String, I int, H short, L long, B boolean.
 */
final class JdbcSpecColumns {
  private static final String KEYS =
      "PKTABLE_CAT:S? PKTABLE_SCHEM:S? PKTABLE_NAME:S PKCOLUMN_NAME:S FKTABLE_CAT:S?"
          + " FKTABLE_SCHEM:S? FKTABLE_NAME:S FKCOLUMN_NAME:S KEY_SEQ:H UPDATE_RULE:H DELETE_RULE:H FK_NAME:S?"
          + " PK_NAME:S? DEFERRABILITY:H";
  private static final String ROW_ID =
      "SCOPE:H COLUMN_NAME:S DATA_TYPE:I TYPE_NAME:S COLUMN_SIZE:I"
          + " BUFFER_LENGTH:I DECIMAL_DIGITS:H? PSEUDO_COLUMN:H";
  private static final String SCHEMAS = "TABLE_SCHEM:S TABLE_CATALOG:S?";
  private static final String PRIVILEGES =
      "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S COLUMN_NAME:S GRANTOR:S?"
          + " GRANTEE:S PRIVILEGE:S IS_GRANTABLE:S?";

  /** Method name (with its parameter count where it is overloaded) to its columns. */
  static final Map<String, String> BY_METHOD =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "getAttributes",
                  "TYPE_CAT:S? TYPE_SCHEM:S? TYPE_NAME:S ATTR_NAME:S DATA_TYPE:I ATTR_TYPE_NAME:S"
                      + " ATTR_SIZE:I DECIMAL_DIGITS:I? NUM_PREC_RADIX:I NULLABLE:I REMARKS:S? ATTR_DEF:S? SQL_DATA_TYPE:I?"
                      + " SQL_DATETIME_SUB:I? CHAR_OCTET_LENGTH:I ORDINAL_POSITION:I IS_NULLABLE:S SCOPE_CATALOG:S?"
                      + " SCOPE_SCHEMA:S? SCOPE_TABLE:S? SOURCE_DATA_TYPE:H?"),
              Map.entry("getBestRowIdentifier", ROW_ID),
              Map.entry("getCatalogs", "TABLE_CAT:S"),
              Map.entry(
                  "getClientInfoProperties", "NAME:S MAX_LEN:I DEFAULT_VALUE:S DESCRIPTION:S"),
              Map.entry("getColumnPrivileges", PRIVILEGES),
              Map.entry(
                  "getColumns",
                  "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S COLUMN_NAME:S DATA_TYPE:I TYPE_NAME:S"
                      + " COLUMN_SIZE:I BUFFER_LENGTH:I? DECIMAL_DIGITS:I? NUM_PREC_RADIX:I NULLABLE:I REMARKS:S?"
                      + " COLUMN_DEF:S? SQL_DATA_TYPE:I? SQL_DATETIME_SUB:I? CHAR_OCTET_LENGTH:I ORDINAL_POSITION:I"
                      + " IS_NULLABLE:S SCOPE_CATALOG:S? SCOPE_SCHEMA:S? SCOPE_TABLE:S? SOURCE_DATA_TYPE:H?"
                      + " IS_AUTOINCREMENT:S IS_GENERATEDCOLUMN:S"),
              Map.entry("getCrossReference", KEYS),
              Map.entry("getExportedKeys", KEYS),
              Map.entry(
                  "getFunctionColumns",
                  "FUNCTION_CAT:S? FUNCTION_SCHEM:S? FUNCTION_NAME:S COLUMN_NAME:S"
                      + " COLUMN_TYPE:H DATA_TYPE:I TYPE_NAME:S PRECISION:I LENGTH:I SCALE:H? RADIX:H NULLABLE:H REMARKS:S"
                      + " CHAR_OCTET_LENGTH:I ORDINAL_POSITION:I IS_NULLABLE:S SPECIFIC_NAME:S"),
              Map.entry(
                  "getFunctions",
                  "FUNCTION_CAT:S? FUNCTION_SCHEM:S? FUNCTION_NAME:S REMARKS:S FUNCTION_TYPE:H"
                      + " SPECIFIC_NAME:S"),
              Map.entry("getImportedKeys", KEYS),
              Map.entry(
                  "getIndexInfo",
                  "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S NON_UNIQUE:B INDEX_QUALIFIER:S?"
                      + " INDEX_NAME:S? TYPE:H ORDINAL_POSITION:H COLUMN_NAME:S? ASC_OR_DESC:S? CARDINALITY:L PAGES:L"
                      + " FILTER_CONDITION:S?"),
              Map.entry(
                  "getPrimaryKeys",
                  "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S COLUMN_NAME:S KEY_SEQ:H PK_NAME:S?"),
              Map.entry(
                  "getProcedureColumns",
                  "PROCEDURE_CAT:S? PROCEDURE_SCHEM:S? PROCEDURE_NAME:S COLUMN_NAME:S"
                      + " COLUMN_TYPE:H DATA_TYPE:I TYPE_NAME:S PRECISION:I LENGTH:I SCALE:H? RADIX:H NULLABLE:H REMARKS:S?"
                      + " COLUMN_DEF:S? SQL_DATA_TYPE:I? SQL_DATETIME_SUB:I? CHAR_OCTET_LENGTH:I? ORDINAL_POSITION:I"
                      + " IS_NULLABLE:S SPECIFIC_NAME:S"),
              // Three columns "reserved for future use" without names: any label passes there (*).
              Map.entry(
                  "getProcedures",
                  "PROCEDURE_CAT:S? PROCEDURE_SCHEM:S? PROCEDURE_NAME:S *:S? *:S? *:S? REMARKS:S?"
                      + " PROCEDURE_TYPE:H SPECIFIC_NAME:S"),
              Map.entry(
                  "getPseudoColumns",
                  "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S COLUMN_NAME:S DATA_TYPE:I"
                      + " COLUMN_SIZE:I DECIMAL_DIGITS:I? NUM_PREC_RADIX:I COLUMN_USAGE:S REMARKS:S? CHAR_OCTET_LENGTH:I"
                      + " IS_NULLABLE:S"),
              Map.entry("getSchemas/0", SCHEMAS),
              Map.entry("getSchemas/2", SCHEMAS),
              Map.entry(
                  "getSuperTables", "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S SUPERTABLE_NAME:S"),
              Map.entry(
                  "getSuperTypes",
                  "TYPE_CAT:S? TYPE_SCHEM:S? TYPE_NAME:S SUPERTYPE_CAT:S? SUPERTYPE_SCHEM:S?"
                      + " SUPERTYPE_NAME:S"),
              Map.entry(
                  "getTablePrivileges",
                  "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S GRANTOR:S? GRANTEE:S PRIVILEGE:S"
                      + " IS_GRANTABLE:S?"),
              Map.entry("getTableTypes", "TABLE_TYPE:S"),
              Map.entry(
                  "getTables",
                  "TABLE_CAT:S? TABLE_SCHEM:S? TABLE_NAME:S TABLE_TYPE:S REMARKS:S? TYPE_CAT:S?"
                      + " TYPE_SCHEM:S? TYPE_NAME:S? SELF_REFERENCING_COL_NAME:S? REF_GENERATION:S?"),
              Map.entry(
                  "getTypeInfo",
                  "TYPE_NAME:S DATA_TYPE:I PRECISION:I LITERAL_PREFIX:S? LITERAL_SUFFIX:S?"
                      + " CREATE_PARAMS:S? NULLABLE:H CASE_SENSITIVE:B SEARCHABLE:H UNSIGNED_ATTRIBUTE:B FIXED_PREC_SCALE:B"
                      + " AUTO_INCREMENT:B LOCAL_TYPE_NAME:S? MINIMUM_SCALE:H MAXIMUM_SCALE:H SQL_DATA_TYPE:I?"
                      + " SQL_DATETIME_SUB:I? NUM_PREC_RADIX:I"),
              Map.entry(
                  "getUDTs",
                  "TYPE_CAT:S? TYPE_SCHEM:S? TYPE_NAME:S CLASS_NAME:S DATA_TYPE:I REMARKS:S BASE_TYPE:H?"),
              Map.entry(
                  "getVersionColumns",
                  "SCOPE:H? COLUMN_NAME:S DATA_TYPE:I TYPE_NAME:S COLUMN_SIZE:I BUFFER_LENGTH:I"
                      + " DECIMAL_DIGITS:H? PSEUDO_COLUMN:H")));

  /** One specified column. */
  record Column(String label, char javaType, boolean mayBeNull) {
    boolean anyLabel() {
      return label.equals("*");
    }
  }

  private JdbcSpecColumns() {}

  /** The columns of {@code method} called with {@code parameterCount} arguments, or null if it returns none. */
  static List<Column> of(String method, int parameterCount) {
    String spec = BY_METHOD.getOrDefault(method + "/" + parameterCount, BY_METHOD.get(method));
    if (spec == null) {
      return null;
    }
    return Arrays.stream(spec.split(" "))
        .map(
            c -> {
              String[] parts = c.split(":");
              return new Column(parts[0], parts[1].charAt(0), parts[1].endsWith("?"));
            })
        .toList();
  }
}

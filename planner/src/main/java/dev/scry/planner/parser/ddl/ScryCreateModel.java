package dev.scry.planner.parser.ddl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name FROM 'uri' [WITH (key = literal, ...)]}.
 * OR REPLACE registers a new version of an existing model.
 */
public final class ScryCreateModel extends SqlCreate {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE MODEL", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;
  private final SqlLiteral source;
  private final SqlNodeList properties;

  /**
   * @param source a character literal: the model file or MLflow folder URI
   * @param properties {@link ScryModelProperty}s; may be empty
   */
  public ScryCreateModel(
      SqlParserPos pos,
      boolean replace,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlLiteral source,
      SqlNodeList properties) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.source = Objects.requireNonNull(source, "source");
    this.properties = Objects.requireNonNull(properties, "properties");
    for (SqlNode property : properties) {
      if (!(property instanceof ScryModelProperty)) {
        throw new IllegalArgumentException("not a model property: " + property);
      }
    }
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean replace() {
    return getReplace();
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public SqlLiteral source() {
    return source;
  }

  /** The source URI without quotes. */
  public String sourceUri() {
    return source.getValueAs(String.class);
  }

  public SqlNodeList properties() {
    return properties;
  }

  /** Property keys (as written) to their literals, in the order written. */
  public Map<String, SqlLiteral> propertyMap() {
    Map<String, SqlLiteral> map = new LinkedHashMap<>();
    for (SqlNode node : properties) {
      ScryModelProperty property = (ScryModelProperty) node;
      map.put(property.keyName(), property.value());
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, source, properties);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getReplace() ? "CREATE OR REPLACE MODEL" : "CREATE MODEL");
    Unparsing.ifNotExists(writer, ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("FROM");
    source.unparse(writer, 0, 0);
    if (!properties.isEmpty()) {
      writer.keyword("WITH");
      Unparsing.parenthesized(writer, properties);
    }
  }
}

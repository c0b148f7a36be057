package dev.scry.planner.script;

import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import javax.sql.rowset.RowSetMetaDataImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * The few JDBC calls Quidem makes, answered by a {@link PlannerSession} in the same JVM: no driver, no
 * server. {@code !plan} runs {@code explain plan for …} through {@code executeQuery}, so it prints the
 * text the gateway's EXPLAIN prints; {@code !type} reads a query's row type from {@code prepareStatement};
 * {@code !update} runs DDL and SET; {@code !error} sees the planner's error as a SQLException's cause.
 * Each object is a dynamic proxy over one interface: anything else Quidem never calls fails loudly.
 */
final class PlannerJdbc {
  private PlannerJdbc() {}

  static Connection connect(PlannerSession session) {
    return proxy(
        Connection.class,
        (method, args) ->
            switch (method.getName()) {
              case "createStatement" -> statement(session);
              case "prepareStatement" -> prepared(session, (String) args[0]);
              case "unwrap" -> ((Class<?>) args[0]).cast(session);
              case "isWrapperFor" -> args[0] == PlannerSession.class;
              case "close" -> null;
              case "isClosed" -> false;
              default -> throw unsupported(method);
            });
  }

  private static Statement statement(PlannerSession session) {
    return proxy(
        Statement.class,
        (method, args) ->
            switch (method.getName()) {
              case "executeQuery" -> resultSet(run(session, (String) args[0]));
              case "executeUpdate" ->
                  (int) Math.max(0, run(session, (String) args[0]).updateCount());
              case "close" -> null;
              default -> throw unsupported(method);
            });
  }

  /** A prepared query: only its result's metadata, from the plan's row type. */
  private static PreparedStatement prepared(PlannerSession session, String sql)
      throws SQLException {
    RelDataType rowType;
    try {
      rowType = session.plan(sql).rowType();
    } catch (SqlParseException | RuntimeException e) {
      throw failed(e);
    }
    ResultSetMetaData metaData = metaData(rowType);
    return proxy(
        PreparedStatement.class,
        (method, args) ->
            switch (method.getName()) {
              case "getMetaData" -> metaData;
              case "close" -> null;
              default -> throw unsupported(method);
            });
  }

  private static CommandResult run(PlannerSession session, String sql) throws SQLException {
    try {
      return session.execute(sql);
    } catch (SqlParseException | RuntimeException e) {
      throw failed(e);
    }
  }

  private static ResultSet resultSet(CommandResult result) throws SQLException {
    ResultSetMetaData metaData = metaData(result.columns());
    List<List<Object>> rows = result.rows();
    int[] row = {-1};
    return proxy(
        ResultSet.class,
        (method, args) ->
            switch (method.getName()) {
              case "next" -> ++row[0] < rows.size();
              case "getString" -> {
                Object value = rows.get(row[0]).get((Integer) args[0] - 1);
                yield value == null ? null : value.toString();
              }
              case "getMetaData" -> metaData;
              case "close" -> null;
              default -> throw unsupported(method);
            });
  }

  private static ResultSetMetaData metaData(List<ResultColumn> columns) throws SQLException {
    RowSetMetaDataImpl metaData = new RowSetMetaDataImpl();
    metaData.setColumnCount(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      metaData.setColumnLabel(i + 1, columns.get(i).name());
      metaData.setColumnType(i + 1, columns.get(i).type().getJdbcOrdinal());
      metaData.setColumnTypeName(i + 1, columns.get(i).type().getName());
    }
    return metaData;
  }

  /** Each column's SQL type as the planner spells it ({@code DECIMAL(12, 2)}, {@code DOUBLE ARRAY}). */
  private static ResultSetMetaData metaData(RelDataType rowType) throws SQLException {
    RowSetMetaDataImpl metaData = new RowSetMetaDataImpl();
    metaData.setColumnCount(rowType.getFieldCount());
    for (RelDataTypeField field : rowType.getFieldList()) {
      int column = field.getIndex() + 1;
      RelDataType type = field.getType();
      metaData.setColumnLabel(column, field.getName());
      metaData.setColumnType(column, type.getSqlTypeName().getJdbcOrdinal());
      // The full type string already holds precision and scale; Quidem would print them again.
      metaData.setColumnTypeName(column, type.getFullTypeString().replace(" NOT NULL", ""));
      metaData.setNullable(
          column,
          type.isNullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls);
    }
    return metaData;
  }

  /** As a driver reports a failed statement: the planner's message, its error as the cause. */
  private static SQLException failed(Exception e) {
    String state = e instanceof ScryException scry ? scry.code().sqlState() : null;
    return new SQLException(e.getMessage(), state, e);
  }

  private static SQLFeatureNotSupportedException unsupported(Method method) {
    return new SQLFeatureNotSupportedException(
        "Planner scripts do not support JDBC's "
            + method.getDeclaringClass().getSimpleName()
            + "."
            + method.getName());
  }

  /** One JDBC call: the method and its arguments. */
  @FunctionalInterface
  private interface Call {
    Object answer(Method method, Object[] args) throws SQLException;
  }

  private static <T> T proxy(Class<T> type, Call call) {
    InvocationHandler handler =
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> self == args[0];
              case "hashCode" -> System.identityHashCode(self);
              default -> type.getSimpleName() + " of a planner script";
            };
          }
          return call.answer(method, args);
        };
    return type.cast(
        Proxy.newProxyInstance(PlannerJdbc.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}

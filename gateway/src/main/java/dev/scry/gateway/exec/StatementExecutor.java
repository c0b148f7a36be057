package dev.scry.gateway.exec;

import dev.scry.gateway.cache.ResultReuse;
import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.PlannedStatement;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.ddl.CommandExecutor;
import dev.scry.planner.operator.ScryTypeSystem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Plans and executes statements for the protocol layer: queries go to the engine, commands to the
 * planner's {@link CommandExecutor}. Errors come out as {@link ScryException}s with a message for the
 * person who wrote the SQL.
 */
public final class StatementExecutor {
  private final ScryPlanner planner;
  private final CommandExecutor commands;
  private final QueryEngine engine;
  private final ResultReuse reuse;
  private final Catalog catalog;
  private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);
  private final PlanReuse plans = new PlanReuse();

  public StatementExecutor(
      ScryPlanner planner,
      CommandExecutor commands,
      QueryEngine engine,
      Catalog catalog,
      ResultReuse reuse) {
    this.reuse = Objects.requireNonNull(reuse, "reuse");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** The plan of {@code sql} in {@code session}, planned now (a prepared statement keeps it). */
  public PlannedStatement plan(String sql, SessionState session) {
    return planFresh(sql, session);
  }

  /**
   * The plan of {@code sql} in {@code session} for one execution that follows at once: a query's kept
   * plan when the same text ran on the current catalog snapshot with the same session state ({@link
   * PlanReuse}), else planned now. Give it to {@link #execute}, which gives it back.
   */
  public PlannedStatement planToRun(String sql, SessionState session) {
    CatalogSnapshot snapshot = catalog.snapshot();
    Optional<QueryPlan> kept = plans.take(sql, session, snapshot);
    if (kept.isPresent()) {
      return kept.get();
    }
    PlannedStatement planned = planFresh(sql, session);
    // Lent only when the catalog did not change while planning: then the plan was made on snapshot.
    if (planned instanceof QueryPlan query && catalog.snapshot() == snapshot) {
      plans.lendNew(sql, session, snapshot, query);
    }
    return planned;
  }

  /** How many executions used a kept plan instead of planning their text again. */
  public long plansReused() {
    return plans.reused();
  }

  private PlannedStatement planFresh(String sql, SessionState session) {
    try {
      return planner.plan(sql, session);
    } catch (SqlParseException e) {
      // Without the cause: the message already says all, and clients print causes' messages too.
      throw new ScryException(
          SyntaxErrors.tooDeep(e) ? ErrorCode.TOO_COMPLEX : ErrorCode.SYNTAX,
          SyntaxErrors.describe(e));
    }
  }

  public Execution execute(
      PlannedStatement plan, List<Object> parameters, SessionState session, String jobGroup) {
    if (plan instanceof QueryPlan query) {
      try {
        checkParameters(query, parameters);
        return Execution.ofRows(
            query.rowType(), reuse.rows(query, parameters, session, jobGroup, engine));
      } finally {
        // Translated and started (or failed): the execution reads the plan no more.
        plans.giveBack(query, catalog.snapshot());
      }
    }
    CommandPlan command = (CommandPlan) plan;
    // In the statement's job group: Statement.cancel then stops a CTAS/INSERT's Spark jobs too.
    CommandResult result =
        engine.runCommand(jobGroup, command.sql(), () -> commands.execute(command, session));
    if (result.hasRows()) {
      return Execution.ofRows(rowType(result.columns()), RowSource.of(result.rows()));
    }
    return Execution.ofUpdateCount(result.updateCount());
  }

  /**
   * As {@link #execute}, but a query's result comes as Arrow record batches of {@code schema}'s types,
   * in {@code parts} to be read at the same time, when the engine can build them; rows otherwise.
   */
  public Execution executeArrow(
      PlannedStatement plan,
      List<Object> parameters,
      SessionState session,
      String jobGroup,
      Schema schema,
      int batchRows,
      int parts) {
    if (plan instanceof QueryPlan query) {
      checkParameters(query, parameters);
      ArrowBatches batches = engine.runArrow(query, parameters, jobGroup, schema, batchRows, parts);
      if (batches != null) {
        return Execution.ofBatches(query.rowType(), batches);
      }
    }
    return execute(plan, parameters, session, jobGroup);
  }

  /** Into how many parts {@link #executeArrow} best splits the statement's result; 1 for a command. */
  public int arrowParts(PlannedStatement plan, List<Object> parameters) {
    if (plan instanceof QueryPlan query
        && parameters.size() == query.parameterRowType().getFieldCount()) {
      return engine.arrowParts(query, parameters);
    }
    return 1;
  }

  private static void checkParameters(QueryPlan query, List<Object> parameters) {
    int expected = query.parameterRowType().getFieldCount();
    if (parameters.size() != expected) {
      throw new ScryException(
          "The statement has "
              + expected
              + " parameter(s) but "
              + parameters.size()
              + " value(s) were bound");
    }
  }

  public void cancel(String jobGroup) {
    engine.cancel(jobGroup);
  }

  /** The row type of the statement's result, or null when it returns no rows. */
  public RelDataType resultType(PlannedStatement plan) {
    if (plan instanceof QueryPlan query) {
      return query.rowType();
    }
    List<ResultColumn> columns = ((CommandPlan) plan).columns();
    return columns.isEmpty() ? null : rowType(columns);
  }

  /** The schema's name as the catalog spells it; an error if it does not exist. */
  public String resolveSchema(String name) {
    return catalog
        .snapshot()
        .schema(name)
        .map(CatalogSnapshot.SchemaEntry::name)
        .orElseThrow(
            () ->
                new ScryException(
                    ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + name + "' does not exist"));
  }

  private RelDataType rowType(List<ResultColumn> columns) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ResultColumn column : columns) {
      builder.add(
          column.name(),
          typeFactory.createTypeWithNullability(typeFactory.createSqlType(column.type()), true));
    }
    return builder.build();
  }
}

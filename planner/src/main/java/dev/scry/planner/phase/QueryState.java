package dev.scry.planner.phase;

import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.sql.SqlNode;

/**
 * Where one query's planning stands between phases: the SQL tree (as parsed, then rewritten), the validated
 * tree once validated, and the plan's root once converted. Immutable; each phase returns a new state.
 */
public record QueryState(SqlNode query, SqlNode validated, RelRoot root) {
  public QueryState {
    Objects.requireNonNull(query, "query");
  }

  /** A query as the parser made it. */
  public static QueryState parsed(SqlNode query) {
    return new QueryState(query, null, null);
  }

  public QueryState withQuery(SqlNode rewritten) {
    if (validated != null) {
      throw new IllegalStateException(
          "The query is validated already; rewrite the SQL before validation");
    }
    return new QueryState(rewritten, null, null);
  }

  public QueryState withValidated(SqlNode tree) {
    return new QueryState(query, Objects.requireNonNull(tree, "tree"), null);
  }

  public QueryState withRoot(RelRoot converted) {
    return new QueryState(query, validated, Objects.requireNonNull(converted, "converted"));
  }

  /** The plan; only once converted. */
  public RelNode rel() {
    if (root == null) {
      throw new IllegalStateException("The query is not converted to a plan yet");
    }
    return root.rel;
  }

  public QueryState withRel(RelNode rel) {
    return withRoot(root.withRel(rel));
  }

  public SqlNode validatedOrFail() {
    if (validated == null) {
      throw new IllegalStateException("The query is not validated yet");
    }
    return validated;
  }
}

package dev.scry.gateway.exec;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.rel.LakeTableScan;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Calcite plans of queries, kept by their text so that a plain statement running the same query again (a
 * dashboard's refresh) is not planned again: planning was 15 % of the serving thread's CPU on the bench's
 * P1 statement (docs/benchmarks.md). A kept plan serves the same text in a session with the same schema
 * and settings on the same catalog snapshot, the one instance every plan of it was made on: a new model
 * version, a moved alias, a changed table or view each make a new snapshot, and the plans of the old one
 * are dropped. Never kept: plans whose text and snapshot do not decide them alone, that is plans of
 * partitioned file tables (their folders are listed and pruned while planning), of tables with a log
 * (Delta: the version, time travel), of system tables or any other scan, with a sub-query left as an
 * expression, or with a dynamic or non-deterministic function.
 *
 * <p>A kept plan is lent to one execution at a time and given back once the execution no longer reads it
 * (its result started, or it failed): Calcite's plan nodes share their cluster's metadata cache, which
 * is not safe for two threads at once. A statement that finds its plan lent plans its text anew.
 */
final class PlanReuse {
  static final int MAX_PLANS = 64;

  private record Key(String sql, String schema, Map<String, String> settings) {}

  /** Where a lent plan goes back to. */
  private record Lease(Key key, CatalogSnapshot snapshot) {}

  private final Map<Key, QueryPlan> plans =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, QueryPlan> eldest) {
          return size() > MAX_PLANS;
        }
      };

  private final Map<QueryPlan, Lease> lent = new IdentityHashMap<>();
  private final AtomicLong reused = new AtomicLong();

  /** The snapshot the kept plans were made on. */
  private CatalogSnapshot plannedOn;

  /** Lends the kept plan of {@code sql} for {@code session} on {@code snapshot}, if there is one. */
  Optional<QueryPlan> take(String sql, SessionState session, CatalogSnapshot snapshot) {
    Key key = keyOf(sql, session);
    QueryPlan plan;
    synchronized (plans) {
      plan = snapshot == plannedOn ? plans.remove(key) : null;
      if (plan == null) {
        return Optional.empty();
      }
      lend(plan, new Lease(key, snapshot));
    }
    reused.incrementAndGet();
    return Optional.of(plan);
  }

  /**
   * Lends {@code plan}, just made on {@code snapshot} for {@code session}, to its execution when nothing
   * else decides it: given back, it is kept.
   */
  void lendNew(String sql, SessionState session, CatalogSnapshot snapshot, QueryPlan plan) {
    if (decidedByTextAndCatalog(plan.rel())) {
      synchronized (plans) {
        lend(plan, new Lease(keyOf(sql, session), snapshot));
      }
    }
  }

  /** Lends under the lock; a plan never given back (its statement cancelled first) is forgotten. */
  private void lend(QueryPlan plan, Lease lease) {
    if (lent.size() >= MAX_PLANS) {
      lent.clear();
    }
    lent.put(plan, lease);
  }

  /** Keeps {@code plan} again if it was lent and its catalog snapshot is still {@code current}. */
  void giveBack(QueryPlan plan, CatalogSnapshot current) {
    synchronized (plans) {
      Lease lease = lent.remove(plan);
      if (lease == null || lease.snapshot() != current) {
        return;
      }
      if (current != plannedOn) {
        plans.clear();
        plannedOn = current;
      }
      plans.put(lease.key(), plan);
    }
  }

  /** How many executions used a kept plan since the gateway started. */
  long reused() {
    return reused.get();
  }

  private static Key keyOf(String sql, SessionState session) {
    return new Key(sql, session.schema(), session.settings());
  }

  /** Whether {@code node} and everything under it depend on nothing but the text and the catalog. */
  static boolean decidedByTextAndCatalog(RelNode node) {
    if (node instanceof TableScan scan) {
      if (!(scan instanceof LakeTableScan lake)) {
        return false;
      }
      TableDefinition table = lake.spec().table();
      return table.partitionColumns().isEmpty() && !table.format().hasLog();
    }
    FixedExpressions expressions = new FixedExpressions();
    node.accept(expressions);
    if (!expressions.fixed) {
      return false;
    }
    for (RelNode input : node.getInputs()) {
      if (!decidedByTextAndCatalog(input)) {
        return false;
      }
    }
    return true;
  }

  /** Finds expressions whose value is not fixed by the plan: dynamic, non-deterministic, sub-queries. */
  private static final class FixedExpressions extends RexShuttle {
    private boolean fixed = true;

    @Override
    public RexNode visitCall(RexCall call) {
      if (call.getOperator().isDynamicFunction() || !call.getOperator().isDeterministic()) {
        fixed = false;
      }
      return super.visitCall(call);
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      fixed = false;
      return subQuery;
    }
  }
}

package dev.scry.gateway.exec;

import dev.scry.engine.ArrowBatchCursor;
import dev.scry.engine.QueryRunner;
import dev.scry.engine.ResultCursor;
import dev.scry.planner.QueryPlan;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** The gateway's {@link QueryEngine} on Scry's Spark engine. */
public final class SparkQueryEngine implements QueryEngine {
  private final QueryRunner runner;

  public SparkQueryEngine(QueryRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public RowSource run(QueryPlan plan, List<Object> parameters, String jobGroup) {
    ResultCursor cursor = runner.execute(plan.rel(), parameters, jobGroup, plan.sql());
    return new RowSource() {
      @Override
      public boolean hasNext() {
        return cursor.hasNext();
      }

      @Override
      public Object[] next() {
        return cursor.next();
      }

      @Override
      public List<Object[]> nextBatch(int max) {
        return cursor.nextBatch(max);
      }

      @Override
      public void close() {
        cursor.close();
      }
    };
  }

  @Override
  public ArrowBatches runArrow(
      QueryPlan plan,
      List<Object> parameters,
      String jobGroup,
      Schema schema,
      int batchRows,
      int parts) {
    ArrowBatchCursor cursor =
        runner.executeArrow(plan.rel(), parameters, jobGroup, plan.sql(), schema, batchRows, parts);
    if (cursor == null) {
      return null;
    }
    return new ArrowBatches() {
      @Override
      public int parts() {
        return cursor.parts();
      }

      @Override
      public ArrowRecordBatch next(int part, BufferAllocator allocator) {
        return cursor.next(part, allocator);
      }

      @Override
      public void close() {
        cursor.close();
      }
    };
  }

  @Override
  public int arrowParts(QueryPlan plan, List<Object> parameters) {
    return runner.arrowParts(plan.rel(), parameters);
  }

  @Override
  public <T> T runCommand(String jobGroup, String description, Supplier<T> command) {
    return runner.inJobGroup(jobGroup, description, command);
  }

  @Override
  public void cancel(String jobGroup) {
    runner.cancel(jobGroup);
  }
}

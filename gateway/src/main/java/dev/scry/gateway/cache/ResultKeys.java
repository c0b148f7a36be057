package dev.scry.gateway.cache;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.scan.LakeScanSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlExplainLevel;

/**
 * Makes the key of a query's result: the optimized Calcite plan with the attributes of its digest (no costs or node ids; Calcite's plan
 * rather than Spark's canonical plan, so that a hit costs no Spark analysis), the result's row type,
 * each scan's full spec (table definition, folders, pushed filters), each model version's name,
 * version, location and SHA-256, the parameters' values and classes, and every scanned file's path,
 * size and modification time. Empty when the plan cannot be reused ({@link PlanInputs}).
 */
public final class ResultKeys {
  private final InputListing listing;
  private final InputStability stability;

  /**
   * {@code settleTime} is how long inputs must look unchanged before a result over them is kept: the
   * engine's scan listing cache TTL (see {@link InputStability}).
   */
  public ResultKeys(InputListing listing, Duration settleTime, LongSupplier nanoClock) {
    this.listing = Objects.requireNonNull(listing, "listing");
    this.stability = new InputStability(settleTime, nanoClock);
  }

  Optional<ResultLookup> keyOf(QueryPlan plan, List<Object> parameters) {
    PlanInputs inputs = PlanInputs.of(plan.rel());
    if (!inputs.reusable()) {
      return Optional.empty();
    }
    MessageDigest digest = sha256();
    add(digest, RelOptUtil.toString(plan.rel(), SqlExplainLevel.DIGEST_ATTRIBUTES));
    add(digest, plan.rowType().getFullTypeString());
    for (ModelRef model : inputs.models()) {
      add(digest, model.toString());
    }
    for (Object parameter : parameters) {
      add(digest, describe(parameter));
    }
    boolean settled = true;
    for (LakeScanSpec scan : inputs.scans()) {
      String spec = scan.toString();
      List<String> files = listing.describe(scan);
      add(digest, spec);
      for (String file : files) {
        add(digest, file);
      }
      // Every scan is recorded, even after one that has not settled.
      settled &= stability.settled(spec, String.join("\n", files));
    }
    ResultKey key = new ResultKey(HexFormat.of().formatHex(digest.digest()));
    return Optional.of(new ResultLookup(key, settled));
  }

  /** A parameter's class and value; a byte array by its contents, not its identity. */
  private static String describe(Object parameter) {
    if (parameter == null) {
      return "null";
    }
    String value =
        parameter instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : parameter.toString();
    return parameter.getClass().getName() + ":" + value;
  }

  private static void add(MessageDigest digest, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    // Length first: parts that run into each other cannot make the same bytes.
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}

package dev.scry.gateway.cache;

import dev.scry.engine.translate.ScanFiles;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.scan.LakeScanSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlExplainLevel;

/**
 * Makes the key of a query's result: the optimized Calcite plan with the attributes of its digest (no costs or node ids; Calcite's plan
 * rather than Spark's canonical plan, so that a hit costs no Spark analysis), the result's row type,
 * each scan's full spec (table definition, folders, pushed filters), each model version's name,
 * version, location and SHA-256, the parameters' values and classes, and every scanned file's path,
 * size and modification time. Empty when the plan cannot be reused ({@link PlanInputs}).
 *
 * <p>A scan's files come from the engine's kept relations when it keeps them ({@code scanFiles}): the
 * very listing the query's scan uses, made once per table per listing TTL, so a result computed over
 * them may be kept at once, provided the relations are still the kept ones when it ends. Otherwise
 * (Delta tables, the listing cache off) the folders are listed afresh ({@link InputListing}) and a
 * result is kept only once that listing has settled ({@link InputStability}).
 */
public final class ResultKeys {
  private final InputListing listing;
  private final Function<LakeScanSpec, Optional<ScanFiles>> scanFiles;
  private final InputStability stability;

  /**
   * {@code settleTime} is how long inputs must look unchanged before a result over them is kept: the
   * engine's scan listing cache TTL (see {@link InputStability}).
   */
  public ResultKeys(InputListing listing, Duration settleTime, LongSupplier nanoClock) {
    this(listing, scan -> Optional.empty(), settleTime, nanoClock);
  }

  /** Keys whose scans' files come from {@code scanFiles} where it has them, else from {@code listing}. */
  public ResultKeys(
      InputListing listing,
      Function<LakeScanSpec, Optional<ScanFiles>> scanFiles,
      Duration settleTime,
      LongSupplier nanoClock) {
    this.listing = Objects.requireNonNull(listing, "listing");
    this.scanFiles = Objects.requireNonNull(scanFiles, "scanFiles");
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
    List<BooleanSupplier> stillKept = new ArrayList<>();
    for (LakeScanSpec scan : inputs.scans()) {
      String spec = scan.toString();
      Optional<ScanFiles> kept = scanFiles.apply(scan);
      List<String> files = kept.map(ScanFiles::lines).orElseGet(() -> listing.describe(scan));
      add(digest, spec);
      for (String file : files) {
        add(digest, file);
      }
      if (kept.isPresent()) {
        stillKept.add(kept.get().stillKept());
      } else {
        // Every scan is recorded, even after one that has not settled.
        settled &= stability.settled(spec, String.join("\n", files));
      }
    }
    ResultKey key = new ResultKey(HexFormat.of().formatHex(digest.digest()));
    return Optional.of(
        new ResultLookup(
            key, settled, () -> stillKept.stream().allMatch(BooleanSupplier::getAsBoolean)));
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

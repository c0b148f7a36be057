package dev.scry.gateway.demo;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A deterministic set of demo customers (the same N rows on every run and machine: java.util.Random's
 * algorithm is specified), shaped for {@link DemoModel}: its three inputs are columns of the same names.
 */
public final class DemoData {
  /** Column names, in row order. */
  public static final List<String> COLUMNS =
      List.of(
          "customer_id",
          DemoModel.TENURE_MONTHS,
          DemoModel.MONTHLY_CHARGES,
          DemoModel.SUPPORT_CALLS,
          "region");

  private static final List<String> REGIONS = List.of("north", "south", "east", "west");
  private static final long SEED = 20240601L;

  /** One customer: customer_id BIGINT, three DOUBLE measures, region VARCHAR. */
  public record Customer(
      long customerId,
      double tenureMonths,
      double monthlyCharges,
      double supportCalls,
      String region) {
    public Customer {
      Objects.requireNonNull(region, "region");
    }

    /** The values in {@link #COLUMNS} order. */
    public Object[] values() {
      return new Object[] {customerId, tenureMonths, monthlyCharges, supportCalls, region};
    }
  }

  private DemoData() {}

  /** Customers 1…n. */
  public static List<Customer> customers(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    Random random = new Random(SEED);
    return IntStream.rangeClosed(1, n).mapToObj(id -> customer(id, random)).toList();
  }

  private static Customer customer(long id, Random random) {
    double tenure = 1 + random.nextInt(72);
    double charges = Math.round((20 + 100 * random.nextDouble()) * 100) / 100.0;
    // Support calls: a few customers call often (exponential, mean 2), capped at 10.
    double calls = Math.min(10, Math.floor(-Math.log(1 - random.nextDouble()) * 2));
    String region = REGIONS.get(random.nextInt(REGIONS.size()));
    return new Customer(id, tenure, charges, calls, region);
  }
}

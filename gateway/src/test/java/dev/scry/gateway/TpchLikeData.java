package dev.scry.gateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small TPC-H-shaped tables (nation, customer, orders, lineitem) as CSV files, generated from a fixed seed,
 * and five queries in the spirit of TPC-H's Q1, Q3, Q5, Q10 and Q13: joins, filters, aggregates, an outer
 * join, ORDER BY with LIMIT. Dates are day numbers, which keeps the data free of date parsing.
 */
final class TpchLikeData {
  static final List<String> QUERIES = List.of(
      // Q1: pricing summary
      """
      SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base,
        sum(l_extendedprice * (1 - l_discount)) AS sum_disc, avg(l_quantity) AS avg_qty, count(*) AS n
      FROM lineitem WHERE l_shipday <= 2400
      GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus""",
      // Q3: shipping priority
      """
      SELECT o.o_orderkey, sum(l.l_extendedprice * (1 - l.l_discount)) AS revenue, o.o_orderday
      FROM customer c JOIN orders o ON c.c_custkey = o.o_custkey JOIN lineitem l ON l.l_orderkey = o.o_orderkey
      WHERE c.c_mktsegment = 'BUILDING' AND o.o_orderday < 1500 AND l.l_shipday > 1500
      GROUP BY o.o_orderkey, o.o_orderday ORDER BY revenue DESC, o.o_orderkey LIMIT 10""",
      // Q5: local supplier volume, by nation of a region
      """
      SELECT n.n_name, sum(l.l_extendedprice * (1 - l.l_discount)) AS revenue
      FROM customer c JOIN orders o ON c.c_custkey = o.o_custkey JOIN lineitem l ON l.l_orderkey = o.o_orderkey
        JOIN nation n ON c.c_nationkey = n.n_nationkey
      WHERE n.n_regionkey = 2 AND o.o_orderday BETWEEN 700 AND 1800
      GROUP BY n.n_name ORDER BY revenue DESC""",
      // Q10: returned item reporting
      """
      SELECT c.c_custkey, c.c_name, sum(l.l_extendedprice * (1 - l.l_discount)) AS revenue,
        count(DISTINCT o.o_orderkey) AS orders_returned, n.n_name
      FROM customer c JOIN orders o ON c.c_custkey = o.o_custkey JOIN lineitem l ON l.l_orderkey = o.o_orderkey
        JOIN nation n ON c.c_nationkey = n.n_nationkey
      WHERE l.l_returnflag = 'R'
      GROUP BY c.c_custkey, c.c_name, n.n_name ORDER BY revenue DESC, c.c_custkey LIMIT 20""",
      // Q13: customer distribution, with customers without orders
      """
      SELECT c_count, count(*) AS custdist
      FROM (SELECT c.c_custkey, count(o.o_orderkey) AS c_count
            FROM customer c LEFT JOIN orders o ON c.c_custkey = o.o_custkey AND o.o_orderstatus <> 'P'
            GROUP BY c.c_custkey) counts
      GROUP BY c_count ORDER BY custdist DESC, c_count DESC""");

  private static final String[] SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"};

  private TpchLikeData() {}

  /** Writes the four tables under {@code dir} and returns the DDL that registers them. */
  static List<String> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(20240611L);
    try (PrintWriter out = writer(dir.resolve("nation.csv"))) {
      out.println("n_nationkey,n_name,n_regionkey");
      for (int n = 0; n < 25; n++) {
        out.println(n + ",NATION_" + n + "," + (n % 5));
      }
    }
    int customers = 300;
    try (PrintWriter out = writer(dir.resolve("customer.csv"))) {
      out.println("c_custkey,c_name,c_nationkey,c_mktsegment,c_acctbal");
      for (int c = 1; c <= customers; c++) {
        out.printf(Locale.ROOT, "%d,Customer#%05d,%d,%s,%.2f%n", c, c, random.nextInt(25),
            SEGMENTS[random.nextInt(SEGMENTS.length)], random.nextInt(1_000_000) / 100.0);
      }
    }
    try (PrintWriter orders = writer(dir.resolve("orders.csv"));
        PrintWriter lines = writer(dir.resolve("lineitem.csv"))) {
      orders.println("o_orderkey,o_custkey,o_orderstatus,o_totalprice,o_orderday");
      lines.println("l_orderkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_returnflag,l_linestatus,l_shipday");
      for (int o = 1; o <= 3000; o++) {
        // Two customers in three order: some customers have no orders (Q13's outer join).
        int customer = 1 + random.nextInt(customers * 2 / 3) * 3 / 2;
        int orderDay = random.nextInt(2400);
        int items = 1 + random.nextInt(6);
        double total = 0;
        for (int l = 1; l <= items; l++) {
          int quantity = 1 + random.nextInt(50);
          double price = quantity * (900 + random.nextInt(10_000) / 100.0);
          double discount = random.nextInt(11) / 100.0;
          int shipDay = orderDay + 1 + random.nextInt(120);
          String returnFlag = shipDay > 2300 ? "N" : random.nextBoolean() ? "R" : "A";
          String lineStatus = shipDay > 2300 ? "O" : "F";
          total += price;
          lines.printf(Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%s,%s,%d%n", o, l, quantity, price, discount, returnFlag,
              lineStatus, shipDay);
        }
        String status = new String[] {"F", "O", "P"}[random.nextInt(3)];
        orders.printf(Locale.ROOT, "%d,%d,%s,%.2f,%d%n", o, customer, status, total, orderDay);
      }
    }
    return List.of(ddl("nation", dir.resolve("nation.csv")), ddl("customer", dir.resolve("customer.csv")),
        ddl("orders", dir.resolve("orders.csv")), ddl("lineitem", dir.resolve("lineitem.csv")));
  }

  private static String ddl(String table, Path file) {
    return "CREATE EXTERNAL TABLE " + table + " STORED AS CSV LOCATION '" + TestData.uri(file)
        + "' OPTIONS (header 'true')";
  }

  private static PrintWriter writer(Path file) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}

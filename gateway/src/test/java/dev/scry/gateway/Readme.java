package dev.scry.gateway;

/** README's first PREDICT query, kept here so that a test runs exactly what newcomers are told to run. */
final class Readme {
  static final String FIRST_QUERY =
      """
      SELECT customer_id, churn_probability, churn_label
      FROM PREDICT(MODEL => 'churn', DATA => TABLE demo.customers)
      ORDER BY customer_id
      LIMIT 10""";

  private Readme() {}
}

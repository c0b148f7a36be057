package dev.scry.wire;

/**
 * Markers the Scry driver sends and the gateway recognizes, for what Avatica's protocol has no request
 * of its own. Each rides in a field of an ordinary request that Scry never fills with such a value.
 */
public final class WireProtocol {
  /**
   * The query state ({@code QueryState.sql}) of a {@code SyncResultsRequest} that means "cancel this
   * statement's running execution": the request is statement-scoped and otherwise unused by Scry.
   */
  public static final String CANCEL_STATEMENT = "scry:cancel-statement";

  /**
   * The only table type of a tables request that means "list the functions" ({@code getFunctions}):
   * Avatica's client otherwise answers it with an empty result.
   */
  public static final String FUNCTIONS_TABLE_TYPE = "scry:FUNCTION";

  /**
   * The catalog of a columns request that means "list the functions' parameters"
   * ({@code getFunctionColumns}); Scry has no catalogs, so none is ever named so.
   */
  public static final String FUNCTION_COLUMNS_CATALOG = "scry:FUNCTION_COLUMNS";

  private WireProtocol() {}
}

package dev.scry.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.MetaDataOperation;

/**
 * Avatica's DatabaseMetaData with the answers that are true of Scry. {@link #getFunctions} and
 * {@link #getFunctionColumns} ask the gateway (Avatica's remote client answers them locally with an
 * empty result, so PREDICT and the built-in functions would never appear in a BI tool's function list).
 * The questions about result-set changes and holdability, which Avatica's client answers by throwing
 * "todo: implement this method", get Scry's answers: results are read-only, so no change is ever
 * detected or visible. And the feature flags Avatica answers for any server say what Scry's SQL does:
 * no catalogs, no transactions, identifiers matched without regard to case and stored as written,
 * NULLs sorted low, as Spark sorts them. docs/jdbc.md lists them; ScalarMetadataTest runs the SQL behind
 * each one.
 */
final class ScryDatabaseMetaData extends AvaticaDatabaseMetaData {
  /** The longest identifier the gateway's parser accepts (ScryParser.IDENTIFIER_MAX_LENGTH). */
  static final int IDENTIFIER_MAX_LENGTH = 256;

  private final ScryConnection connection;

  ScryDatabaseMetaData(ScryConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return connection.functionsFromGateway(catalog, schemaPattern, functionNamePattern);
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    return connection.functionColumnsFromGateway(
        schemaPattern, functionNamePattern, columnNamePattern);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return connection.noForeignKeys(
        new QueryState(MetaDataOperation.GET_IMPORTED_KEYS, catalog, schema, table));
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return connection.noForeignKeys(
        new QueryState(MetaDataOperation.GET_EXPORTED_KEYS, catalog, schema, table));
  }

  @Override
  public ResultSet getCrossReference(
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable)
      throws SQLException {
    return connection.noForeignKeys(
        new QueryState(
            MetaDataOperation.GET_CROSS_REFERENCE,
            parentCatalog,
            parentSchema,
            parentTable,
            foreignCatalog,
            foreignSchema,
            foreignTable));
  }

  @Override
  public String getUserName() {
    return connection.config().avaticaUser();
  }

  /** Scry writes tables (CREATE TABLE AS, INSERT): the database is not read-only. */
  @Override
  public boolean isReadOnly() {
    return false;
  }

  // ---- names: no catalogs; schemas in queries and table definitions; case-insensitive names
  // ------------

  @Override
  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() {
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public int getMaxColumnNameLength() {
    return IDENTIFIER_MAX_LENGTH;
  }

  @Override
  public int getMaxTableNameLength() {
    return IDENTIFIER_MAX_LENGTH;
  }

  @Override
  public int getMaxSchemaNameLength() {
    return IDENTIFIER_MAX_LENGTH;
  }

  // ---- SQL: Spark's NULL order, no transactions, no procedures
  // -----------------------------------------

  @Override
  public boolean nullsAreSortedAtEnd() {
    return false;
  }

  @Override
  public boolean nullsAreSortedLow() {
    return true;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() {
    return false;
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() {
    return false;
  }

  /** Entry level is what every JDBC driver must claim; Scry has no UPDATE, DELETE or constraints beyond it. */
  @Override
  public boolean supportsANSI92IntermediateSQL() {
    return false;
  }

  @Override
  public boolean supportsANSI92FullSQL() {
    return false;
  }

  @Override
  public boolean supportsExtendedSQLGrammar() {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() {
    return true;
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) {
    return ConvertibleTypes.convertible(fromType, toType);
  }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  // ---- results: read-only, so no change is detected or visible
  // -----------------------------------------

  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == getResultSetHoldability();
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }
}

package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.parser.ddl.ScryDropTable;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * DROP TABLE [IF EXISTS] name. A managed table's data is deleted after the catalog forgets it, so a failed
 * delete leaves files no table refers to rather than a table without its files.
 */
final class DropTableCommand implements CommandHandler<ScryDropTable> {
  static final StatementKind<ScryDropTable> KIND =
      StatementKind.noRows(
          ScryDropTable.class,
          services -> new DropTableCommand(services.catalog(), services.files()));

  private final Catalog catalog;
  private final FileStore files;

  DropTableCommand(Catalog catalog, FileStore files) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.files = Objects.requireNonNull(files, "files");
  }

  @Override
  public CommandResult execute(ScryDropTable drop, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(drop.name(), session, catalog.snapshot());
    Optional<TableDefinition> table = catalog.snapshot().table(name.schema(), name.table());
    catalog.dropTable(name.schema(), name.table(), drop.ifExists());
    if (table.isPresent() && !table.get().external()) {
      try {
        files.deleteRecursively(table.get().location());
      } catch (IOException e) {
        throw new ScryException(
            "Table "
                + table.get().qualifiedName()
                + " was dropped but its data at "
                + table.get().location()
                + " could not be deleted: "
                + e.getMessage(),
            e);
      }
    }
    return CommandResult.done();
  }
}

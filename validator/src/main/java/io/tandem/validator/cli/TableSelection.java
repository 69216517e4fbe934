package io.tandem.validator.cli;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tables a subcommand works on: one keyspace, and a list of its tables or all of them. */
public final class TableSelection {

  @Option(names = {"-k", "--keyspace"}, required = true, paramLabel = "KEYSPACE", description = "The keyspace.")
  String keyspace;

  @Option(names = {"-t", "--tables"}, split = ",", paramLabel = "TABLE",
      description = "Tables of the keyspace, comma-separated (default: every table of the keyspace).")
  List<String> tables;

  static TableSelection of(String keyspace, List<String> tables) {
    TableSelection selection = new TableSelection();
    selection.keyspace = keyspace;
    selection.tables = tables;
    return selection;
  }

  /** The selected table names, read from the source's schema when none were given. */
  List<String> resolve(CqlSession source) {
    if (tables != null && !tables.isEmpty()) {
      return List.copyOf(tables);
    }
    KeyspaceMetadata metadata = source.getMetadata().getKeyspace(CqlIdentifier.fromCql(keyspace))
        .orElseThrow(() -> new IllegalArgumentException("Keyspace " + keyspace + " does not exist on the source"));
    List<String> names = metadata.getTables().keySet().stream().map(CqlIdentifier::asInternal).sorted().toList();
    if (names.isEmpty()) {
      throw new IllegalArgumentException("Keyspace " + keyspace + " has no tables on the source");
    }
    return names;
  }
}

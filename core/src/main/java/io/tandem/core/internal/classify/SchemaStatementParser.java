package io.tandem.core.internal.classify;

import java.util.Locale;

/** Reads which keyspace and table a CREATE, ALTER or DROP statement changes. */
final class SchemaStatementParser {

  /**
   * The object a schema statement changes.
   *
   * @param keyspace the keyspace changed, or holding the changed object; {@code null} if not named
   * @param table the table or materialized view changed, or {@code null}
   */
  record Target(String keyspace, String table) {
    static final Target NONE = new Target(null, null);
  }

  private SchemaStatementParser() {}

  /**
   * The target of the CREATE, ALTER or DROP statement in {@code tokens}. Roles, users and other objects
   * outside keyspaces have no target.
   *
   * @throws CqlSyntaxException if a keyspace, table or view statement names none
   */
  static Target target(StatementTokens tokens) {
    boolean create = tokens.isKeyword(0, "CREATE");
    int index = 1;
    if (create && tokens.isKeyword(1, "OR") && tokens.isKeyword(2, "REPLACE")) {
      index = 3;
    }
    if (tokens.isKeyword(index, "CUSTOM") || tokens.isKeyword(index, "MATERIALIZED")) {
      index++;
    }
    CqlToken kind = tokens.get(index);
    if (kind.type() != CqlToken.Type.IDENTIFIER) {
      throw new CqlSyntaxException("expected an object kind at offset " + kind.start());
    }
    int nameIndex = afterIfExists(tokens, index + 1);
    return switch (kind.text().toUpperCase(Locale.ROOT)) {
      case "TABLE", "COLUMNFAMILY", "VIEW" -> table(tokens.qualifiedName(nameIndex));
      case "KEYSPACE", "SCHEMA" -> new Target(tokens.name(nameIndex), null);
      case "TYPE", "FUNCTION", "AGGREGATE" -> new Target(tokens.qualifiedName(nameIndex).keyspace(), null);
      case "INDEX" -> create
          ? tableAfterOn(tokens, nameIndex)
          : new Target(tokens.qualifiedName(nameIndex).keyspace(), null);
      case "TRIGGER" -> tableAfterOn(tokens, nameIndex);
      default -> Target.NONE;
    };
  }

  private static int afterIfExists(StatementTokens tokens, int index) {
    if (!tokens.isKeyword(index, "IF")) {
      return index;
    }
    int exists = tokens.isKeyword(index + 1, "NOT") ? index + 2 : index + 1;
    if (!tokens.isKeyword(exists, "EXISTS")) {
      throw new CqlSyntaxException("expected EXISTS at offset " + tokens.get(exists).start());
    }
    return exists + 1;
  }

  private static Target tableAfterOn(StatementTokens tokens, int from) {
    int on = tokens.indexOfKeyword("ON", from, tokens.size());
    if (on < 0) {
      throw new CqlSyntaxException("missing ON");
    }
    return table(tokens.qualifiedName(on + 1));
  }

  private static Target table(QualifiedName name) {
    return new Target(name.keyspace(), name.name());
  }
}

package io.tandem.validator.copy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.util.ArrayList;
import java.util.List;

/** A whole table read in token order as text, one line per row, for comparing two clusters in tests. */
final class TableSnapshot {

  private TableSnapshot() {}

  static List<String> read(CqlSession session, String table, String selection) {
    CodecRegistry codecs = session.getContext().getCodecRegistry();
    List<String> lines = new ArrayList<>();
    for (Row row : session.execute("SELECT " + selection + " FROM " + table)) {
      StringBuilder line = new StringBuilder();
      for (int index = 0; index < row.getColumnDefinitions().size(); index++) {
        String name = row.getColumnDefinitions().get(index).getName().asInternal();
        line.append(index == 0 ? "" : " | ").append(name).append('=')
            .append(codecs.codecFor(row.getType(index)).format(row.getObject(index)));
      }
      lines.add(line.toString());
    }
    return lines;
  }
}

package io.tandem.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyspaceQualifierTest {

  @Test
  void should_qualify_the_table_of_each_kind_of_write() {
    assertThat(KeyspaceQualifier.qualify("INSERT INTO items (k, v) VALUES (?, ?)", "shop"))
        .isEqualTo("INSERT INTO \"shop\".items (k, v) VALUES (?, ?)");
    assertThat(KeyspaceQualifier.qualify("UPDATE items SET v = 'x' WHERE k = 1 IF v = 'y'", "shop"))
        .isEqualTo("UPDATE \"shop\".items SET v = 'x' WHERE k = 1 IF v = 'y'");
    assertThat(KeyspaceQualifier.qualify("delete from \"Items\" where k = 1", "shop"))
        .isEqualTo("delete from \"shop\".\"Items\" where k = 1");
  }

  @Test
  void should_qualify_the_table_of_a_read() {
    assertThat(KeyspaceQualifier.qualify("SELECT v, WRITETIME(v) FROM items WHERE k = ?", "shop"))
        .isEqualTo("SELECT v, WRITETIME(v) FROM \"shop\".items WHERE k = ?");
  }

  @Test
  void should_qualify_every_unqualified_child_of_a_batch_and_keep_qualified_ones() {
    String batch = "BEGIN BATCH USING TIMESTAMP 5 INSERT INTO a (k) VALUES (1); "
        + "UPDATE other.b SET v = 1 WHERE k = 1 DELETE FROM c WHERE k = 2; APPLY BATCH;";

    assertThat(KeyspaceQualifier.qualify(batch, "shop")).isEqualTo("BEGIN BATCH USING TIMESTAMP 5 INSERT INTO "
        + "\"shop\".a (k) VALUES (1); UPDATE other.b SET v = 1 WHERE k = 1 DELETE FROM \"shop\".c WHERE k = 2; "
        + "APPLY BATCH;");
  }

  @Test
  void should_keep_the_keyspace_name_exact() {
    assertThat(KeyspaceQualifier.qualify("INSERT INTO t (k) VALUES (1)", "Mixed\"Case"))
        .isEqualTo("INSERT INTO \"Mixed\"\"Case\".t (k) VALUES (1)");
  }

  @Test
  void should_leave_alone_what_needs_no_keyspace_or_cannot_be_read() {
    String qualified = "INSERT INTO shop.items (k) VALUES (1)";
    assertThat(KeyspaceQualifier.qualify(qualified, "other")).isSameAs(qualified);
    assertThat(KeyspaceQualifier.qualify("INSERT INTO items (k) VALUES (1)", null))
        .isEqualTo("INSERT INTO items (k) VALUES (1)");
    assertThat(KeyspaceQualifier.qualify("TRUNCATE items", "shop")).isEqualTo("TRUNCATE items");
    assertThat(KeyspaceQualifier.qualify("INSERT INTO (", "shop")).isEqualTo("INSERT INTO (");
  }
}

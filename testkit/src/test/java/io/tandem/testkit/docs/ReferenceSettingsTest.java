package io.tandem.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceSettingsTest {

  @TempDir Path folder;

  @Test
  void should_list_every_leaf_path_with_its_default_as_written() throws IOException {
    ReferenceSettings settings = read("""
        tandem {
          mirror {
            mode = SYNC
            retry { max-attempts = 3, initial-backoff = 100 milliseconds }
            ratio = 0.0
            table-modes {}
          }
          proxy {
            contact-points = []
            protocol-versions = [3, 4]
            address = "0.0.0.0"
            password = ""
            password = ${?TANDEM_TEST_PASSWORD_THAT_IS_NEVER_SET}
          }
        }
        """);

    assertThat(settings.paths()).containsExactly("tandem.mirror.mode", "tandem.mirror.ratio",
        "tandem.mirror.retry.initial-backoff", "tandem.mirror.retry.max-attempts", "tandem.mirror.table-modes",
        "tandem.proxy.address",
        "tandem.proxy.contact-points", "tandem.proxy.password", "tandem.proxy.protocol-versions");
    assertThat(settings.defaultOf("tandem.mirror.mode")).isEqualTo("SYNC");
    assertThat(settings.defaultOf("tandem.mirror.retry.initial-backoff")).isEqualTo("100 milliseconds");
    assertThat(settings.defaultOf("tandem.mirror.retry.max-attempts")).isEqualTo("3");
    assertThat(settings.defaultOf("tandem.mirror.ratio")).isEqualTo("0");
    assertThat(settings.defaultOf("tandem.proxy.contact-points")).isEqualTo("[]");
    assertThat(settings.defaultOf("tandem.mirror.table-modes")).isEqualTo("{}");
    assertThat(settings.defaultOf("tandem.proxy.protocol-versions")).isEqualTo("[3, 4]");
    assertThat(settings.defaultOf("tandem.proxy.address")).isEqualTo("0.0.0.0");
    assertThat(settings.defaultOf("tandem.proxy.password")).isEqualTo("\"\"");
  }

  @Test
  void should_compare_a_documented_default_as_a_hocon_value() throws IOException {
    ReferenceSettings settings = read("""
        ratio = 0.0, wait = 1 second, address = "0.0.0.0", versions = [3, 4], empty = "", mode = SYNC
        """);

    assertThat(settings.isDefault("ratio", "0.0")).isTrue();
    assertThat(settings.isDefault("ratio", "0")).isTrue();
    assertThat(settings.isDefault("wait", "1 second")).isTrue();
    assertThat(settings.isDefault("wait", "1s")).isFalse();
    assertThat(settings.isDefault("address", "0.0.0.0")).isTrue();
    assertThat(settings.isDefault("versions", "[3, 4]")).isTrue();
    assertThat(settings.isDefault("versions", "[4]")).isFalse();
    assertThat(settings.isDefault("empty", "\"\"")).isTrue();
    assertThat(settings.isDefault("mode", "ASYNC")).isFalse();
    assertThat(settings.isDefault("mode", "{ unbalanced")).isFalse();
    assertThat(settings.isDefault("absent", "SYNC")).isFalse();
  }

  @Test
  void should_list_the_defaults_a_page_shows_wrongly_or_not_at_all() throws IOException {
    ReferenceSettings settings = read("a = SYNC, b = 1 second, c = 3, d = \"\"");
    Path page = folder.resolve("page.md");
    Files.writeString(page, """
        | setting | default | meaning |
        |---|---|---|
        | `a` | `SYNC` | fine |
        | `b` | `2 seconds` | stale |
        | `c` | 3 | not a code span |
        | `d` | `""` | fine |
        """);

    assertThat(settings.wrongDefaults(DocumentedNames.read(page), 1)).containsExactly(
        "b: the page says `2 seconds`, reference.conf says `1 second`",
        "c: the page says 3, reference.conf says `3`");
    assertThat(settings.wrongDefaults(DocumentedNames.read(page), 7)).hasSize(4);
  }

  @Test
  void should_list_settings_missing_wrong_or_unknown_on_a_page() throws IOException {
    ReferenceSettings settings = read("tandem.mirror { mode = SYNC, retry.max-attempts = 3, replay.interval = 10s }");
    Path page = folder.resolve("page.md");
    Files.writeString(page, """
        | setting | default | meaning |
        |---|---|---|
        | `tandem.mirror.mode` | `SYNC` | fine |
        | `tandem.mirror.retry.max-attempts` | `5` | stale |
        | `tandem.mirror.gone` | `1` | removed |
        """);

    assertThat(settings.documentationProblems(DocumentedNames.read(page), "tandem.mirror", 1)).containsExactly(
        "tandem.mirror.replay.interval: not on the page, add a table row for it",
        "tandem.mirror.replay.interval: no table row shows its default, reference.conf says `10s`",
        "tandem.mirror.retry.max-attempts: the page says `5`, reference.conf says `3`",
        "tandem.mirror.gone: on the page, but no such setting");
  }

  @Test
  void should_know_sections_as_well_as_leaf_paths() throws IOException {
    ReferenceSettings settings = read("tandem.mirror.retry.max-attempts = 3");

    assertThat(settings.contains("tandem.mirror.retry.max-attempts")).isTrue();
    assertThat(settings.contains("tandem.mirror.retry")).isTrue();
    assertThat(settings.contains("tandem.mirror")).isTrue();
    assertThat(settings.contains("tandem.mirror.retry.max")).isFalse();
    assertThat(settings.defaultOf("tandem.mirror.retry")).isNull();
  }

  @Test
  void should_name_the_absolute_path_of_a_missing_file() {
    assertThatThrownBy(() -> ReferenceSettings.read(folder.resolve("absent.conf")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(folder.resolve("absent.conf").toString());
  }

  private ReferenceSettings read(String hocon) throws IOException {
    Path file = folder.resolve("reference.conf");
    Files.writeString(file, hocon);
    return ReferenceSettings.read(file);
  }
}

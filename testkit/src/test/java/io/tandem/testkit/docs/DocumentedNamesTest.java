package io.tandem.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentedNamesTest {

  private static final String DOCUMENT = """
      # Reference

      Intro mentioning `tandem.a.one` and ``--double``.

      ## Settings

      | setting | default | meaning |
      |---|---|---|
      | `tandem.a.one`, `tandem.a.two` | `1 second` | the first `sync\\|async` |
      | `tandem.a.three` | `""` | an old one |

      ```hocon
      tandem.a.fenced = `not a mention`
      ```

      ## `tool` command line

      ### Flags

      Uses `--port` and `-p`; `--port N` is not a name.

      ## Last
      """;

  @TempDir Path folder;
  private DocumentedNames document;

  @BeforeEach
  void write_the_document() throws IOException {
    Path file = folder.resolve("reference.md");
    Files.writeString(file, DOCUMENT);
    document = DocumentedNames.read(file);
  }

  @Test
  void should_list_inline_code_spans_but_not_fenced_blocks() {
    assertThat(document.codeSpans()).contains("tandem.a.one", "--double", "1 second", "--port N")
        .doesNotContain("not a mention");
  }

  @Test
  void should_report_names_not_mentioned_as_a_whole_code_span() {
    assertThat(document.missing(List.of("tandem.a.two", "tandem.a.fenced", "--port", "--por", "tandem.a")))
        .containsExactly("--por", "tandem.a", "tandem.a.fenced");
  }

  @Test
  void should_restrict_a_section_to_its_heading_and_sub_headings() {
    DocumentedNames commandLine = document.section("tool command line");

    assertThat(commandLine.missing(List.of("--port", "-p", "tandem.a.one"))).containsExactly("tandem.a.one");
    assertThat(commandLine.section("Flags").codeSpans()).containsExactly("--port", "-p", "--port N");
    assertThat(document.section("Settings").codeSpans()).doesNotContain("--port");
  }

  @Test
  void should_refuse_a_missing_heading_naming_the_headings_there_are() {
    assertThatThrownBy(() -> document.section("Options"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No heading 'Options'")
        .hasMessageContaining("tool command line");
  }

  @Test
  void should_report_mentions_of_names_that_do_not_exist() {
    Pattern setting = Pattern.compile("tandem\\.a\\.[\\w.-]+");

    assertThat(document.unknown(setting, Set.of("tandem.a.one", "tandem.a.two")::contains))
        .containsExactly("tandem.a.three");
  }

  @Test
  void should_read_the_cell_of_the_row_naming_a_name() {
    assertThat(document.cell("tandem.a.two", 1)).contains("`1 second`");
    assertThat(document.cell("tandem.a.one", 2)).contains("the first `sync|async`");
    assertThat(document.cell("tandem.a.three", 1)).contains("`\"\"`");
    assertThat(document.cell("tandem.a.one", 5)).isEmpty();
    assertThat(document.cell("--port", 1)).isEmpty();
  }

  @Test
  void should_name_the_absolute_path_of_a_missing_document() {
    assertThatThrownBy(() -> DocumentedNames.read(folder.resolve("absent.md")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(folder.resolve("absent.md").toString());
  }
}

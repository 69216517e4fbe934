package io.tandem.driver.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testkit.docs.DocumentedNames;
import io.tandem.testkit.docs.ReferenceSettings;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every {@code tandem.session} setting of this module's reference.conf, and no other. */
class ConfigurationReferenceDocumentedTest {

  private static final DocumentedNames REFERENCE = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));
  private static final ReferenceSettings SETTINGS =
      ReferenceSettings.read(Path.of("src", "main", "resources", "reference.conf"));

  @Test
  void should_document_every_setting() {
    assertThat(REFERENCE.missing(SETTINGS.paths()))
        .as("settings of the driver wrapper's reference.conf missing from %s: add a table row for each", REFERENCE)
        .isEmpty();
  }

  @Test
  void should_document_the_default_of_every_setting() {
    assertThat(SETTINGS.wrongDefaults(REFERENCE, 1)).as("defaults in %s", REFERENCE).isEmpty();
  }

  @Test
  void should_mention_only_settings_that_exist() {
    assertThat(REFERENCE.unknown(Pattern.compile("tandem\\.session\\.[\\w.-]+"), SETTINGS::contains))
        .as("tandem.session settings in %s that the driver wrapper's reference.conf does not have", REFERENCE)
        .isEmpty();
  }
}

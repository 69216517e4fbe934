package io.tandem.driver.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testkit.docs.DocumentedNames;
import io.tandem.testkit.docs.ReferenceSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every {@code tandem.session} setting of this module's reference.conf, and no other. */
class SessionConfigurationDocumentedTest {

  @Test
  void should_document_every_setting_with_its_default_and_no_other() {
    DocumentedNames page = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));
    ReferenceSettings settings = ReferenceSettings.read(Path.of("src", "main", "resources", "reference.conf"));

    assertThat(settings.documentationProblems(page, "tandem.session", 1)).as("tandem.session settings in %s", page).isEmpty();
  }
}

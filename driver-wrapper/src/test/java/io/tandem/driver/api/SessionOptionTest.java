package io.tandem.driver.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.config.TandemOption;
import io.tandem.core.testing.OptionCatalogues;
import io.tandem.testkit.docs.DocumentedNames;
import io.tandem.testkit.docs.ReferenceSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionOption} is the source of truth for {@code tandem.session}: this module's reference.conf,
 * {@link ShadowReadConfig#OFF} and docs/configuration.md must say the same, key for key and default for default.
 */
class SessionOptionTest {

  private static final ReferenceSettings CATALOGUE =
      ReferenceSettings.of(TandemOption.defaults(SessionOption.values()));

  @Test
  void should_declare_every_setting_of_reference_conf_with_the_same_default() {
    ReferenceSettings referenceConf = ReferenceSettings.read(Path.of("src", "main", "resources", "reference.conf"));

    assertThat(CATALOGUE.differences("SessionOption", referenceConf, "driver-wrapper's reference.conf")).isEmpty();
  }

  @Test
  void should_be_documented_with_its_defaults() {
    DocumentedNames page = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));

    assertThat(CATALOGUE.documentationProblems(page, "tandem.session", 1)).as("SessionOption in %s", page).isEmpty();
  }

  @Test
  void should_read_every_default_of_reference_conf_as_its_type() {
    var reference = ConfigFactory.defaultReference(getClass().getClassLoader());

    assertThat(OptionCatalogues.unreadableDefaults(reference, SessionOption.values())).isEmpty();
  }

  @Test
  void should_give_shadow_reads_the_defaults_of_reference_conf() {
    assertThat(ShadowReadConfig.from(ConfigFactory.empty())).isEqualTo(ShadowReadConfig.OFF);
  }

  @Test
  void should_read_overrides() {
    ShadowReadConfig config = ShadowReadConfig.from(
        ConfigFactory.parseString("tandem.session.shadow-reads { ratio = 0.25, max-rows = 10 }"));

    assertThat(config).isEqualTo(new ShadowReadConfig(0.25, ShadowReadConfig.OFF.maxInFlight(), 10));
  }
}

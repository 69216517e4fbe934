package io.tandem.core.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.OptionCatalogues;
import io.tandem.testkit.docs.DocumentedNames;
import io.tandem.testkit.docs.ReferenceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link MirrorOption} is the source of truth for {@code tandem.mirror}: core's reference.conf, the builder's
 * defaults and docs/configuration.md must say the same, key for key and default for default.
 */
class MirrorOptionTest {

  private static final ReferenceSettings CATALOGUE = ReferenceSettings.of(TandemOption.defaults(coreOptions()));
  private static final ReferenceSettings REFERENCE_CONF =
      ReferenceSettings.read(Path.of("src", "main", "resources", "reference.conf"));

  @Test
  void should_declare_every_setting_of_reference_conf_with_the_same_default() {
    assertThat(CATALOGUE.differences("MirrorOption and ControlOption", REFERENCE_CONF, "core's reference.conf"))
        .isEmpty();
  }

  @Test
  void should_be_documented_with_its_defaults() {
    DocumentedNames page = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));

    assertThat(CATALOGUE.documentationProblems(page, "tandem.mirror", 1)).as("MirrorOption in %s", page).isEmpty();
    assertThat(CATALOGUE.documentationProblems(page, "tandem.control", 1)).as("ControlOption in %s", page).isEmpty();
  }

  @Test
  void should_read_every_default_of_reference_conf_as_its_type() {
    var reference = ConfigFactory.defaultReference(getClass().getClassLoader());

    assertThat(OptionCatalogues.unreadableDefaults(reference, coreOptions())).isEmpty();
  }

  @Test
  void should_give_the_builder_the_defaults_of_reference_conf() {
    MirrorConfig fromReferenceConf = MirrorConfig.from(ConfigFactory.empty());
    MirrorConfig fromCatalogue = MirrorConfig.from(TandemOption.defaults(MirrorOption.values()));

    assertThat(MirrorConfig.builder().build()).usingRecursiveComparison().isEqualTo(fromReferenceConf);
    assertThat(fromCatalogue).usingRecursiveComparison().isEqualTo(fromReferenceConf);
  }

  @Test
  void should_keep_every_value_through_to_builder() {
    MirrorConfig config = MirrorConfig.from(ConfigFactory.parseString(
        "tandem.mirror { mode = ASYNC, table-modes { shop = OFF }, replay.interval = 3s, max-in-flight = 7 }"));

    MirrorConfig copy = config.toBuilder().build();
    MirrorConfig changed = config.toBuilder().maxInFlight(8).build();

    assertThat(copy).usingRecursiveComparison().isEqualTo(config);
    assertThat(changed.maxInFlight()).isEqualTo(8);
    assertThat(changed.defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(changed.tableModes()).isEqualTo(Map.of("shop", MirrorMode.OFF));
    assertThat(changed.replayInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.maxInFlight()).isEqualTo(7);
  }

  @Test
  void should_name_every_option_under_tandem_mirror_once() {
    assertThat(MirrorOption.values())
        .allSatisfy(option -> assertThat(option.path()).startsWith("tandem.mirror."))
        .extracting(MirrorOption::path)
        .doesNotHaveDuplicates();
  }

  /** Core's two catalogues: reference.conf holds both sections. */
  private static TandemOption[] coreOptions() {
    return java.util.stream.Stream.of(MirrorOption.values(), ControlOption.values()).flatMap(java.util.Arrays::stream)
        .toArray(TandemOption[]::new);
  }
}

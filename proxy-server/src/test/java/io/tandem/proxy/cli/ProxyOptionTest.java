package io.tandem.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.config.TandemOption;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.testing.OptionCatalogues;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.ProxyOption;
import io.tandem.testkit.docs.DocumentedNames;
import io.tandem.testkit.docs.ReferenceSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ProxyOption} is the source of truth for {@code tandem.proxy}: this module's reference.conf, the
 * builder's defaults, the command line's {@link Settings} and docs/configuration.md must say the same, key for
 * key and default for default.
 */
class ProxyOptionTest {

  private static final ReferenceSettings CATALOGUE = ReferenceSettings.of(TandemOption.defaults(ProxyOption.values()));

  @Test
  void should_declare_every_setting_of_reference_conf_with_the_same_default() {
    ReferenceSettings referenceConf = ReferenceSettings.read(Path.of("src", "main", "resources", "reference.conf"));

    assertThat(CATALOGUE.differences("ProxyOption", referenceConf, "proxy-server's reference.conf")).isEmpty();
  }

  @Test
  void should_be_documented_with_its_defaults() {
    DocumentedNames page = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));

    assertThat(CATALOGUE.documentationProblems(page, "tandem.proxy", 1)).as("ProxyOption in %s", page).isEmpty();
  }

  @Test
  void should_read_every_default_of_reference_conf_as_its_type() {
    var reference = ConfigFactory.defaultReference(getClass().getClassLoader());

    assertThat(OptionCatalogues.unreadableDefaults(reference, ProxyOption.values())).isEmpty();
  }

  @Test
  void should_have_a_command_line_setting_for_every_option_and_no_other() throws ReflectiveOperationException {
    List<TandemOption> declared = new ArrayList<>();
    for (Field field : Settings.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        declared.addAll(options(field.get(null)));
      }
    }

    assertThat(declared.stream().filter(ProxyOption.class::isInstance).toList())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder((TandemOption[]) ProxyOption.values());
  }

  @Test
  void should_give_the_builder_the_defaults_the_command_line_reads_from_reference_conf() {
    ProxyConfig read = commandLine("10.0.0.1", "10.0.0.2").toConfig();

    ProxyConfig built = ProxyConfig.builder(read.source(), read.target()).build();

    assertThat(built).usingRecursiveComparison().isEqualTo(read);
  }

  @Test
  void should_keep_every_value_through_to_builder() {
    ProxyConfig config = commandLine("10.0.0.1", "10.0.0.2", "--proxy-port", "29043", "--request-timeout", "3s")
        .toConfig();

    ProxyConfig copy = config.toBuilder().build();
    ProxyConfig changed = config.toBuilder().maxLoginSessions(3).build();

    assertThat(copy).usingRecursiveComparison().isEqualTo(config);
    assertThat(changed.maxLoginSessions()).isEqualTo(3);
    assertThat(changed.listenAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 29043));
    assertThat(changed.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.maxLoginSessions()).isEqualTo(16);
  }

  @Test
  void should_keep_the_control_config_through_to_builder() {
    ProxyConfig config = commandLine("10.0.0.1", "10.0.0.2", "--migration", "orders-2026").toConfig();

    ProxyConfig copy = config.toBuilder().build();
    ProxyConfig changed = config.toBuilder().control(ControlConfig.defaults()).build();

    assertThat(copy.control().migrationId()).isEqualTo("orders-2026");
    assertThat(changed.control().migrationId()).isNull();
  }

  private static TandemProxyCli commandLine(String... arguments) {
    var commandLine = TandemProxyCli.commandLine();
    commandLine.parseArgs(arguments);
    return commandLine.getCommand();
  }

  private static List<TandemOption> options(Object constant) throws ReflectiveOperationException {
    if (constant instanceof Setting setting) {
      return List.of(setting.option());
    }
    List<TandemOption> options = new ArrayList<>();
    if (constant instanceof ClusterSettings cluster) {
      for (RecordComponent component : ClusterSettings.class.getRecordComponents()) {
        if (component.getAccessor().invoke(cluster) instanceof Setting setting) {
          options.add(setting.option());
        }
      }
    }
    return options;
  }
}

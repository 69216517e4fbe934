package io.tandem.examples.proxy;

import io.tandem.proxy.cli.TandemProxyCli;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy running from its command line in a child JVM: {@link ProxyChildProcessMain}, i.e. {@link
 * TandemProxyCli#main} plus a lifeline, on this example's class path (the same classes {@code
 * tandem-proxy.jar} holds). Its output is echoed line by line through the logger {@code tandem-proxy}.
 * Closing stops it gracefully (its standard input is closed: the proxy drains and exits, as on Ctrl-C),
 * killing it after {@value #STOP_TIMEOUT_SECONDS} s; a JVM shutdown hook does the same on Ctrl-C, and the
 * lifeline ends it should this JVM die without either.
 */
final class ProxyChildProcess implements AutoCloseable {

  /** The heap of the proxy's JVM: plenty for an example's traffic. */
  static final String HEAP = "-Xmx256m";

  private static final Logger LOG = LoggerFactory.getLogger(ProxyChildProcess.class);
  private static final Logger OUTPUT = LoggerFactory.getLogger("tandem-proxy");
  private static final String LISTENING = "Tandem proxy listening on ";
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Process process;
  private final CompletableFuture<String> listening = new CompletableFuture<>();
  private final Thread outputPump;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProxyChildProcess(Process process) {
    this.process = process;
    this.outputPump = new Thread(this::pumpOutput, "tandem-proxy-output");
    this.outputPump.setDaemon(true);
    this.shutdownHook = new Thread(this::stop, "tandem-proxy-stop");
  }

  /**
   * Starts the proxy with {@code commandLine} and returns once it printed that it listens.
   *
   * @throws IllegalStateException when the proxy exits first (bad arguments: code 2; a cluster unreachable:
   *     code 1; its output above says why) or does not listen within {@code startTimeout}; it is stopped then
   */
  static ProxyChildProcess start(ProxyArguments commandLine, Duration startTimeout) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), HEAP, "-cp", classPath(),
        ProxyChildProcessMain.class.getName()));
    command.addAll(commandLine.arguments());
    ProxyChildProcess proxy;
    try {
      proxy = new ProxyChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a JVM for the proxy: " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(proxy.shutdownHook);
    proxy.outputPump.start();
    try {
      proxy.awaitListening(startTimeout);
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /** The process id of the proxy's JVM. */
  long pid() {
    return process.pid();
  }

  private void awaitListening(Duration timeout) {
    try {
      listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the proxy did not say it was listening within " + timeout.toSeconds()
          + " s; its output is above");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the proxy to start", e);
    }
  }

  private void pumpOutput() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        OUTPUT.info(line);
        if (line.startsWith(LISTENING)) {
          listening.complete(line);
        }
      }
    } catch (IOException e) {
      LOG.debug("Stopped reading the proxy's output", e);
    }
    int exitCode = awaitExit();
    listening.completeExceptionally(new IllegalStateException("the proxy exited with code " + exitCode
        + " before it was listening; its output is above"));
  }

  private int awaitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Stops the proxy: gracefully, then by force; waits until its JVM is gone. Safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or about to: it stops the proxy as well
    }
    stop();
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close(); // the lifeline's signal: the proxy shuts down as on Ctrl-C
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("The proxy (pid {}) did not stop within {} s; killing it", process.pid(), STOP_TIMEOUT_SECONDS);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      outputPump.join(TimeUnit.SECONDS.toMillis(2)); // its last lines before ours
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The exit code, once {@link #close()} returned; -1 while it still runs. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * This example's class path: under {@code mvn exec:java} it is the URLs of the class loader the plugin made
   * (the JVM's own class path is Maven's launcher then); otherwise, e.g. under surefire or {@code java -cp},
   * the JVM's class path.
   */
  static String classPath() {
    if (ProxyChildProcess.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        if ("file".equals(url.getProtocol())) {
          entries.add(path(url));
        }
      }
      if (!entries.isEmpty()) {
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
      }
    }
    return System.getProperty("java.class.path");
  }

  private static String path(URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("not a file on the class path: " + url, e);
    }
  }
}

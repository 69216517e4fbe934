package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.request.Startup;
import com.datastax.oss.protocol.internal.response.Supported;
import io.tandem.proxy.internal.compression.BodyCompressors;
import io.tandem.proxy.internal.frame.RawFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SUPPORTED answer clients see: the cluster's options, but only the protocol versions (those both
 * clusters speak) and the compression the proxy itself offers (it compresses between the client and itself), and the configured
 * CQL_VERSION when one is set.
 */
final class SupportedOptions {

  private static final String PROTOCOL_VERSIONS_KEY = "PROTOCOL_VERSIONS";

  private SupportedOptions() {}

  static RawFrame rewrite(ProxyContext context, RawFrame response) {
    try {
      Frame decoded = context.codecs().decodeResponse(response);
      Map<String, List<String>> options = new HashMap<>(((Supported) decoded.message).options);
      options.put(PROTOCOL_VERSIONS_KEY, context.protocolVersions().stream()
          .map(version -> version + "/v" + version).toList());
      options.put(Startup.COMPRESSION_KEY, BodyCompressors.offered(context.config().compression()));
      if (context.config().cqlVersion() != null) {
        options.put(Startup.CQL_VERSION_KEY, List.of(context.config().cqlVersion()));
      }
      return context.codecs().response(decoded.protocolVersion, decoded.streamId, new Supported(options));
    } finally {
      response.release();
    }
  }
}

package dev.portico.gateway.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A service behind the gateway that answers with the forwarding headers it was sent, one
 * {@code name: value} line each (lower-case names, values as received), so that a test
 * sees what a real service would believe.
 */
final class HeaderEchoUpstream implements AutoCloseable {

	private final HttpServer server;

	private HeaderEchoUpstream(HttpServer server) {
		this.server = server;
	}

	static HeaderEchoUpstream start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				Map<String, List<String>> seen = new TreeMap<>();
				exchange.getRequestHeaders().forEach((name, values) -> {
					String lower = name.toLowerCase(java.util.Locale.ROOT);
					if (lower.startsWith("x-forwarded-") || lower.equals("forwarded") || lower.equals("x-real-ip")) {
						seen.put(lower, values);
					}
				});
				StringBuilder body = new StringBuilder();
				seen.forEach((name,
						values) -> body.append(name).append(": ").append(String.join(" | ", values)).append('\n'));
				byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/plain");
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			server.start();
			return new HeaderEchoUpstream(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

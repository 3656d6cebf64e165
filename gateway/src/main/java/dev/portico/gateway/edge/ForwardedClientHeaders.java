package dev.portico.gateway.edge;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

import dev.portico.platform.web.ratelimit.ClientAddresses;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway is where the suite decides who the client is. Every request it sends on
 * carries exactly one {@code X-Forwarded-For} (the client address), and the scheme, host
 * and port the client used; the services trust these from the gateway alone. What a
 * caller wrote into those headers is believed only when the caller is a trusted proxy
 * (the ingress, {@code portico.gateway.edge.trusted-proxies}): anyone else gets its own
 * peer address and the gateway's own scheme, host and port, so a client cannot choose the
 * address its rate limits are counted under.
 * <p>
 * Spring Cloud Gateway's own forwarded-headers filters are switched off: this filter
 * alone drops every forwarded header the caller sent and writes the ones the services see
 * (its Netty server keeps the real peer address).
 */
@Component
class ForwardedClientHeaders implements HttpHeadersFilter, Ordered {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	static final String FORWARDED_PROTO = "X-Forwarded-Proto";

	static final String FORWARDED_HOST = "X-Forwarded-Host";

	static final String FORWARDED_PORT = "X-Forwarded-Port";

	private final ClientAddresses clientAddresses;

	ForwardedClientHeaders(EdgeProperties properties) {
		this.clientAddresses = new ClientAddresses(properties.trustedProxies());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The client behind a request: the one its trusted proxy names, else the peer itself.
	 */
	String clientAddress(ServerHttpRequest request) {
		return this.clientAddresses.resolve(peerAddress(request),
				String.join(",", request.getHeaders().getValuesAsList(FORWARDED_FOR)));
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders incoming = request.getHeaders();
		boolean fromTrustedProxy = this.clientAddresses.isTrusted(peerAddress(request));

		HttpHeaders updated = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!isForwardingHeader(name)) {
				updated.addAll(name, values);
			}
		});
		updated.set(FORWARDED_FOR, clientAddress(request));

		URI uri = request.getURI();
		String proxyProto = fromTrustedProxy ? scheme(incoming.getFirst(FORWARDED_PROTO)) : null;
		String proxyHost = fromTrustedProxy ? hostName(incoming.getFirst(FORWARDED_HOST)) : null;
		String proxyPort = fromTrustedProxy ? portNumber(incoming.getFirst(FORWARDED_PORT)) : null;
		String proto = (proxyProto != null) ? proxyProto : uri.getScheme();
		String host = (proxyHost != null) ? proxyHost : uri.getHost();
		String port;
		if (proxyPort != null) {
			port = proxyPort;
		}
		else if (proxyProto == null && proxyHost == null && uri.getPort() > 0) {
			port = Integer.toString(uri.getPort());
		}
		else {
			// Behind a TLS-terminating ingress the gateway's own port says nothing about
			// the client's.
			port = "https".equals(proto) ? "443" : "80";
		}
		updated.set(FORWARDED_PROTO, proto);
		if (host != null) {
			updated.set(FORWARDED_HOST, host);
		}
		updated.set(FORWARDED_PORT, port);
		return updated;
	}

	private static boolean isForwardingHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith("x-forwarded-") || lower.equals("forwarded") || lower.equals("x-real-ip");
	}

	private static String peerAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

	/**
	 * The first (client-side) value of a proxy's header, when it is one of the two
	 * schemes.
	 */
	private static String scheme(String value) {
		String first = firstValue(value);
		return ("http".equals(first) || "https".equals(first)) ? first : null;
	}

	private static String hostName(String value) {
		String first = firstValue(value);
		// A host name or IP literal with an optional port: nothing that could break a URL
		// built from it.
		return (first != null && first.length() <= 255 && first.matches("[A-Za-z0-9.\\-\\[\\]:]+")) ? first : null;
	}

	private static String portNumber(String value) {
		String first = firstValue(value);
		if (first == null || !first.matches("\\d{1,5}")) {
			return null;
		}
		int port = Integer.parseInt(first);
		return (port > 0 && port < 65536) ? Integer.toString(port) : null;
	}

	private static String firstValue(String value) {
		if (value == null) {
			return null;
		}
		String first = value.split(",", 2)[0].strip().toLowerCase(Locale.ROOT);
		return first.isEmpty() ? null : first;
	}

}

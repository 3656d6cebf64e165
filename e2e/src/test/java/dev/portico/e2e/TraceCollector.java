package dev.portico.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A minimal OTLP/HTTP trace receiver on loopback: the services of the end-to-end suite
 * export their spans here (protobuf, as an OpenTelemetry collector would receive them),
 * so a test can follow one trace across the hops.
 */
final class TraceCollector implements AutoCloseable {

	/**
	 * One received span: which service recorded it, in which trace, and of what kind
	 * (SERVER, CONSUMER, ...).
	 */
	record Span(String service, String traceId, String name, String kind) {
	}

	private final HttpServer server;

	private final List<Span> spans = new CopyOnWriteArrayList<>();

	private TraceCollector(HttpServer server) {
		this.server = server;
	}

	static TraceCollector start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		TraceCollector collector = new TraceCollector(server);
		server.createContext("/v1/traces", collector::receive);
		server.start();
		return collector;
	}

	/**
	 * Where the services are to send spans
	 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}).
	 */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	List<Span> spansOf(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = body(exchange)) {
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				String service = serviceName(resourceSpans.getResource());
				for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
					scope.getSpansList()
						.forEach((span) -> this.spans
							.add(new Span(service, HexFormat.of().formatHex(span.getTraceId().toByteArray()),
									span.getName(), span.getKind().name().replace("SPAN_KIND_", ""))));
				}
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody())
				: exchange.getRequestBody();
	}

	private static String serviceName(Resource resource) {
		return resource.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals("service.name"))
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst()
			.orElse("?");
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

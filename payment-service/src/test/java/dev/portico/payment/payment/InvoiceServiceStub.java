package dev.portico.payment.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * invoice-service's receivable endpoint as payment-service's tests need it: answers set
 * per account, and a server that can be stopped and started again on the same port to
 * play an outage. The real endpoint is exercised in e2e.
 */
public final class InvoiceServiceStub {

	private final Map<UUID, String> answers = new ConcurrentHashMap<>();

	private final int port;

	private HttpServer server;

	public InvoiceServiceStub() {
		this.server = start(0);
		this.port = this.server.getAddress().getPort();
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * What the account owes, and its open invoice {@code invoiceId} of
	 * {@code invoiceBalance}.
	 */
	public void owes(UUID account, String openBalance, UUID invoiceId, String invoiceStatus, String invoiceBalance) {
		this.answers.put(account, """
				{"accountId":"%s","currency":"USD","openBalance":"%s",\
				"invoice":{"invoiceId":"%s","number":"INV-2026-000001","status":"%s","balance":"%s"}}"""
			.formatted(account, openBalance, invoiceId, invoiceStatus, invoiceBalance));
	}

	synchronized void stop() {
		this.server.stop(0);
	}

	synchronized void restart() {
		this.server = start(this.port);
	}

	private HttpServer start(int port) {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			http.createContext("/internal/accounts/", (exchange) -> {
				// /internal/accounts/{id}/receivable?invoiceId=...
				String[] path = exchange.getRequestURI().getPath().split("/");
				UUID account = UUID.fromString(path[3]);
				String query = exchange.getRequestURI().getQuery();
				String answer = this.answers.getOrDefault(account,
						"{\"accountId\":\"" + account + "\",\"currency\":null,\"openBalance\":\"0\",\"invoice\":null}");
				if (query == null || !answer.contains(query.substring(query.indexOf('=') + 1))) {
					// The chosen invoice is not this account's (or none was chosen).
					answer = answer.replaceAll(",\"invoice\":\\{.*}}$", ",\"invoice\":null}");
				}
				byte[] body = answer.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

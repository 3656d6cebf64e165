package dev.portico.launcher.infra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * GreenMail SMTP on 127.0.0.1 (any credentials accepted) plus a small HTTP API:
 * {@code GET /api/mail} lists the received messages
 * ({@code from,to,subject,body,receivedAt}, newest last), {@code DELETE /api/mail} purges
 * them, {@code GET /health} answers 200 once the whole infra JVM is ready.
 */
public final class MailCatcher implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GreenMail greenMail;

	private final HttpServer http;

	private MailCatcher(GreenMail greenMail, HttpServer http) {
		this.greenMail = greenMail;
		this.http = http;
	}

	public static MailCatcher start(int smtpPort, int apiPort, BooleanSupplier ready) throws IOException {
		GreenMail gm = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		gm.start();
		HttpServer http;
		try {
			http = HttpServer.create(new InetSocketAddress("127.0.0.1", apiPort), 0);
		}
		catch (IOException e) {
			gm.stop();
			throw new IOException("mail catcher API cannot listen on 127.0.0.1:" + apiPort + ": " + e.getMessage(), e);
		}
		MailCatcher mc = new MailCatcher(gm, http);
		http.createContext("/api/mail", mc::handleMail);
		http.createContext("/health", ex -> {
			boolean up = ready.getAsBoolean();
			send(ex, up ? 200 : 503, Map.of("status", up ? "UP" : "STARTING"));
		});
		http.setExecutor(Executors.newFixedThreadPool(2, r -> {
			Thread t = new Thread(r, "mail-api");
			t.setDaemon(true);
			return t;
		}));
		http.start();
		return mc;
	}

	/**
	 * Serves {@code handler} at {@code path} on the mail API's port as well (loopback
	 * only, like the rest).
	 */
	void addContext(String path, com.sun.net.httpserver.HttpHandler handler) {
		http.createContext(path, handler);
	}

	private void handleMail(HttpExchange ex) throws IOException {
		try {
			switch (ex.getRequestMethod()) {
				case "GET" -> send(ex, 200, messages());
				case "DELETE" -> {
					greenMail.purgeEmailFromAllMailboxes();
					ex.sendResponseHeaders(204, -1);
					ex.close();
				}
				default -> send(ex, 405, Map.of("error", "use GET or DELETE"));
			}
		}
		catch (Exception e) {
			send(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
		}
	}

	/** All received messages, oldest first. A message to n recipients is listed once. */
	public List<Map<String, Object>> messages() throws MessagingException, IOException {
		List<Map<String, Object>> out = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (MimeMessage m : greenMail.getReceivedMessages()) {
			String id = m.getMessageID();
			if (id != null && !seen.add(id)) {
				continue;
			}
			Map<String, Object> j = new LinkedHashMap<>();
			j.put("from", addresses(m.getFrom()));
			j.put("to", addresses(m.getRecipients(Message.RecipientType.TO)));
			j.put("subject", m.getSubject());
			j.put("body", text(m));
			Date received = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
			j.put("receivedAt", (received != null ? received.toInstant() : Instant.now()).toString());
			out.add(j);
		}
		out.sort((a, b) -> ((String) a.get("receivedAt")).compareTo((String) b.get("receivedAt")));
		return out;
	}

	private static String addresses(Address[] a) {
		return a == null ? "" : Arrays.stream(a).map(Address::toString).collect(Collectors.joining(", "));
	}

	/** text/plain if there is one, else text/html, else the raw content as a string. */
	private static String text(Part p) throws MessagingException, IOException {
		String plain = find(p, "text/plain");
		if (plain != null) {
			return plain;
		}
		String html = find(p, "text/html");
		return html != null ? html : String.valueOf(p.getContent());
	}

	private static String find(Part p, String type) throws MessagingException, IOException {
		if (p.isMimeType(type)) {
			return String.valueOf(p.getContent()).strip();
		}
		if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
			for (int i = 0; i < mp.getCount(); i++) {
				BodyPart part = mp.getBodyPart(i);
				String s = find(part, type);
				if (s != null) {
					return s;
				}
			}
		}
		return null;
	}

	private static void send(HttpExchange ex, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().set("Content-Type", "application/json");
		ex.sendResponseHeaders(status, bytes.length);
		try (OutputStream os = ex.getResponseBody()) {
			os.write(bytes);
		}
	}

	public int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	@Override
	public void close() {
		http.stop(0);
		greenMail.stop();
	}

}

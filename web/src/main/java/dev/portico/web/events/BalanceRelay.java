package dev.portico.web.events;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.portico.web.api.UserToken;
import dev.portico.web.config.PortalProperties;
import dev.portico.web.session.Viewer;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The overview's live balance. The browser cannot open the API's event stream itself (it
 * holds no token), so the web app opens it through the gateway with the user's token and
 * passes each {@code balance} event of the shown account on as ready-to-swap HTML
 * ({@code balance} and {@code due} events, which htmx's SSE extension puts in place).
 * Heartbeats pass too, so that a browser that went away is noticed and the upstream
 * stream closed. When the web session ends (Log Out, in any tab, or its timeout) every
 * stream it opened ends with it, the upstream one too.
 */
@Controller
class BalanceRelay implements HttpSessionListener, HttpSessionIdListener {

	private static final Logger log = LoggerFactory.getLogger(BalanceRelay.class);

	/** As long as the session can live; the browser reconnects after it. */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final PortalProperties properties;

	private final UserToken tokens;

	private final BalanceFragments fragments;

	private final JsonMapper json;

	/** The open streams of each web session, by session id. */
	private final Map<String, Set<SseEmitter>> bySession = new ConcurrentHashMap<>();

	BalanceRelay(PortalProperties properties, UserToken tokens, BalanceFragments fragments, JsonMapper json) {
		this.properties = properties;
		this.tokens = tokens;
		this.fragments = fragments;
		this.json = json;
	}

	@GetMapping(path = "/events/balance", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter balance(@ModelAttribute("viewer") Viewer viewer, HttpSession session) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		if (!viewer.hasAccount()) {
			emitter.complete();
			return emitter;
		}
		UUID account = viewer.accountId();
		Locale locale = LocaleContextHolder.getLocale();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.properties.apiUrl() + "/api/accounts/" + account + "/events"))
			.header("Authorization", "Bearer " + this.tokens.accessToken())
			.header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
			.build();
		AtomicReference<InputStream> upstream = new AtomicReference<>();
		String sessionId = session.getId();
		this.bySession.computeIfAbsent(sessionId, (id) -> ConcurrentHashMap.newKeySet()).add(emitter);
		Runnable close = () -> {
			closeQuietly(upstream.get());
			forget(emitter);
		};
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError((ex) -> close.run());
		Thread.ofVirtual().name("balance-relay-" + account).start(() -> {
			try {
				HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
				upstream.set(response.body());
				if (response.statusCode() != 200) {
					closeQuietly(response.body());
					emitter.complete();
					return;
				}
				new ServerSentEvents(response.body())
					.forEach((event, data) -> relay(emitter, account, locale, event, data));
				emitter.complete();
			}
			catch (IOException | RuntimeException ex) {
				log.debug("balance stream of {} ended: {}", account, ex.toString());
				emitter.completeWithError(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				emitter.complete();
			}
		});
		return emitter;
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		Set<SseEmitter> streams = this.bySession.remove(event.getSession().getId());
		if (streams != null) {
			// Completing runs each stream's close, which closes its upstream connection
			// to the API.
			streams.forEach(SseEmitter::complete);
		}
	}

	/**
	 * Login and the return from a Keycloak action give the session a new id; its streams
	 * stay its own.
	 */
	@Override
	public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
		Set<SseEmitter> streams = this.bySession.remove(oldSessionId);
		if (streams != null) {
			this.bySession.merge(event.getSession().getId(), streams, (current, moved) -> {
				current.addAll(moved);
				return current;
			});
		}
	}

	private void forget(SseEmitter emitter) {
		this.bySession.values().forEach((streams) -> streams.remove(emitter));
		this.bySession.values().removeIf(Set::isEmpty);
	}

	private void relay(SseEmitter emitter, UUID account, Locale locale, String event, String data) throws IOException {
		if (event == null) {
			emitter.send(SseEmitter.event().comment("heartbeat"));
			return;
		}
		if (!"balance".equals(event)) {
			return;
		}
		JsonNode change = this.json.readTree(data);
		// A parent's stream carries its children's changes too; this page shows one
		// account.
		if (!account.toString().equals(change.path("accountId").asString())) {
			return;
		}
		String currency = change.path("currency").asString();
		BigDecimal balance = new BigDecimal(change.path("balance").asString("0"));
		BigDecimal due = new BigDecimal(change.path("due").asString("0"));
		emitter.send(SseEmitter.event().name("balance").data(this.fragments.balance(balance, currency, locale)));
		emitter.send(SseEmitter.event().name("due").data(this.fragments.due(due, currency, locale)));
	}

	private static void closeQuietly(InputStream stream) {
		if (stream != null) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
	}

}

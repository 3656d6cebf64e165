import dev.portico.launcher.DemoLogins;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The web app's pages under load, as browsers use them: N portal users (provisioned through the ops API and linked
 * to alice's demo account, so the pages carry her invoices and usage) each log in through Keycloak's login form
 * with a cookie jar, then request Overview, Invoices, Usage (the current period, and the last complete one, which
 * always has a whole period of rows and daily bars to draw) and Profile back to back through the gateway. Latency is
 * the whole page as a browser waits for it: gateway, web app, its API calls through the gateway, the services.
 * Also reports the JavaScript and CSS a page ships (compressed, as sent) and any page reference to another host.
 * <p>
 * Needs the suite running (./portal up). Run: bench/web-pages.sh [users] [seconds]
 */
public class WebLoad {

	/** Filled once the users are logged in: the past period's name comes from the Usage page's own selector. */
	static List<String> PAGES;

	static URI gateway;

	static long think;

	public static void main(String[] args) throws Exception {
		gateway = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
		int users = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
		int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "60"));
		// 0: each user asks for the next page as soon as one arrives (saturation); people read a page first.
		think = Long.parseLong(System.getenv().getOrDefault("THINK_MS", "0"));

		String ops = token("ops", "Ops#2026");
		String alice = token("alice", "Alice#2026");
		String account = field(api("GET", "/api/auth/me", alice, null), "accountId");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		List<Browser> browsers = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			String user = "web-bench-" + tag + "-" + i;
			api("POST", "/api/auth/users", ops, """
					{"username":"%s","email":"%s@portico.example","accountId":"%s","password":"Web#bench-2026"}"""
				.formatted(user, user, account));
			browsers.add(Browser.loggedIn(user, "Web#bench-2026"));
		}
		System.out.printf("%d users logged in through Keycloak's form%n", users);
		PAGES = List.of("/", "/invoices", "/usage", "/usage?period=" + pastPeriod(browsers.get(0)), "/profile");
		assets(browsers.get(0));

		ExecutorService pool = Executors.newFixedThreadPool(users);
		if (warmup > 0) {
			System.out.printf("warm-up: %d s (not measured)%n", warmup);
			run(pool, browsers, warmup);
		}
		ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> timings = run(pool, browsers, seconds);
		pool.shutdownNow();
		long total = timings.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
		System.out.printf("%d users, closed loop, %d ms on average between a page and the next, %d s: %,d pages = %.0f pages/s%n",
				users, think, seconds, total, total / (double) seconds);
		List<Long> all = new ArrayList<>();
		for (String page : PAGES) {
			long[] sorted = timings.get(page).stream().mapToLong(Long::longValue).sorted().toArray();
			timings.get(page).forEach(all::add);
			System.out.printf("  %-22s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%,d)%n", page, pct(sorted, 0.50),
					pct(sorted, 0.95), pct(sorted, 0.99), sorted.length);
		}
		long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("  %-22s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (goal: p95 < 50 ms)%n", "all",
				pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99));
	}

	static ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> run(ExecutorService pool, List<Browser> browsers,
			int seconds) throws Exception {
		ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> timings = new ConcurrentHashMap<>();
		PAGES.forEach((page) -> timings.put(page, new ConcurrentLinkedQueue<>()));
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Future<?>> running = new ArrayList<>();
		for (int u = 0; u < browsers.size(); u++) {
			Browser browser = browsers.get(u);
			// Independent users, not a drill team: each starts on a different page, after a random part of one
			// pause, and pauses between 0.5 and 1.5 times THINK_MS (mean THINK_MS). Users started together with
			// equal pauses would all ask for the same page at the same instant, every time.
			int first = u % PAGES.size();
			running.add(pool.submit(() -> {
				int i = first;
				if (think > 0) {
					Thread.sleep(ThreadLocalRandom.current().nextLong(think));
				}
				while (System.nanoTime() < end) {
					String page = PAGES.get(i++ % PAGES.size());
					long start = System.nanoTime();
					HttpResponse<String> response = browser.get(page);
					long nanos = System.nanoTime() - start;
					if (response.statusCode() != 200 || !response.body().contains("<main")) {
						throw new IllegalStateException(page + " answered " + response.statusCode());
					}
					timings.get(page).add(nanos);
					if (think > 0) {
						Thread.sleep(think / 2 + ThreadLocalRandom.current().nextLong(think + 1));
					}
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		return timings;
	}

	/** The period after the current one in the Usage page's selector (newest first): the last complete one. */
	static String pastPeriod(Browser browser) throws Exception {
		Matcher option = Pattern.compile("<option value=\"(\\d{4}-\\d{2})\"").matcher(browser.get("/usage").body());
		if (!option.find() || !option.find()) {
			throw new IllegalStateException("the Usage page offers no past period");
		}
		return option.group(1);
	}

	/** The scripts and styles a page loads, compressed as the gateway sends them, and references to other hosts. */
	static void assets(Browser browser) throws Exception {
		String overview = browser.get("/").body();
		Matcher matcher = Pattern.compile("(?:src|href)=\"([^\"]+\\.(?:js|css))\"").matcher(overview);
		long compressed = 0;
		long plain = 0;
		while (matcher.find()) {
			HttpResponse<byte[]> asset = browser.http().send(HttpRequest.newBuilder(gateway.resolve(matcher.group(1)))
				.header("Accept-Encoding", "gzip")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			compressed += asset.body().length;
			boolean gzip = asset.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
			plain += gzip ? new GZIPInputStream(new ByteArrayInputStream(asset.body())).readAllBytes().length
					: asset.body().length;
		}
		System.out.printf("JavaScript and CSS of a page: %,d bytes compressed (%,d uncompressed; goal < 60 KB)%n",
				compressed, plain);
		List<String> foreign = new ArrayList<>();
		Matcher urls = Pattern.compile("(?:src|href|action)=\"(https?://[^\"]+)\"").matcher(overview);
		while (urls.find()) {
			if (!URI.create(urls.group(1)).getAuthority().equals(gateway.getAuthority())) {
				foreign.add(urls.group(1));
			}
		}
		System.out.println("References to other hosts on the overview: " + (foreign.isEmpty() ? "none" : foreign));
	}

	static double pct(long[] sorted, double p) {
		return sorted.length == 0 ? Double.NaN
				: sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	/**
	 * One user's browser: its own cookies, redirects followed as a browser follows them. The cookie jar is a plain map
	 * sent to every request: the JDK's CookieManager turns a localhost cookie into an RFC 2965 one ($Domain
	 * "localhost.local") that Keycloak does not take back. Cookie names of the portal and Keycloak do not collide.
	 */
	record Browser(HttpClient http, Map<String, String> cookies) {

		static Browser loggedIn(String user, String password) throws Exception {
			HttpClient http = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			Browser browser = new Browser(http, new ConcurrentHashMap<>());
			HttpResponse<String> login = browser.get("/");
			Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(login.body());
			if (!action.find()) {
				throw new IllegalStateException("no Keycloak login form at " + login.uri());
			}
			String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
			HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
			if (landed.statusCode() != 200 || !landed.body().contains("id=\"balance\"")) {
				throw new IllegalStateException(user + " did not reach the overview: " + landed.statusCode() + " at "
						+ landed.uri());
			}
			return browser;
		}

		HttpResponse<String> get(String path) throws Exception {
			return send(HttpRequest.newBuilder(gateway.resolve(path)).header("Accept-Language", "en-US"));
		}

		/** Sends with this browser's cookies and follows up to ten redirects, keeping what they set. */
		HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			HttpResponse<String> response = null;
			for (int hop = 0; hop < 10; hop++) {
				if (!this.cookies.isEmpty()) {
					request.setHeader("Cookie", this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
				}
				response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				for (String set : response.headers().allValues("Set-Cookie")) {
					String pair = set.split(";", 2)[0];
					int equals = pair.indexOf('=');
					String name = pair.substring(0, equals).strip();
					String value = pair.substring(equals + 1).strip();
					if (value.isEmpty() || set.toLowerCase(Locale.ROOT).contains("max-age=0")) {
						this.cookies.remove(name);
					}
					else {
						this.cookies.put(name, value);
					}
				}
				String location = response.headers().firstValue("Location").orElse(null);
				if (response.statusCode() / 100 != 3 || location == null) {
					return response;
				}
				request = HttpRequest.newBuilder(response.uri().resolve(location)).header("Accept-Language", "en-US");
			}
			return response;
		}

	}

	static String token(String user, String password) throws Exception {
		return field(api("POST", "/api/auth/login", null, DemoLogins.loginJson(user, password)), "accessToken");
	}

	static final HttpClient API = HttpClient.newHttpClient();

	static String api(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = API.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

	static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return matcher.group(1);
	}

}

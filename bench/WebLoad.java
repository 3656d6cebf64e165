import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The web app's pages under load, as browsers use them: N portal users (provisioned through the ops API and linked
 * to alice's demo account, so the pages carry her invoices and usage) each log in through Keycloak's login form
 * with a cookie jar, then request Overview, Invoices, Usage and Profile back to back through the gateway. Latency is
 * the whole page as a browser waits for it: gateway, web app, its API calls through the gateway, the services.
 * Also reports the JavaScript and CSS a page ships (compressed, as sent) and any page reference to another host.
 * <p>
 * Needs the suite running (./portal up). Run: bench/web-pages.sh [users] [seconds]
 */
public class WebLoad {

	static final List<String> PAGES = List.of("/", "/invoices", "/usage", "/profile");

	static URI gateway;

	public static void main(String[] args) throws Exception {
		gateway = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
		int users = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
		int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "60"));

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
		assets(browsers.get(0));

		ExecutorService pool = Executors.newFixedThreadPool(users);
		if (warmup > 0) {
			System.out.printf("warm-up: %d s (not measured)%n", warmup);
			run(pool, browsers, warmup);
		}
		ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> timings = run(pool, browsers, seconds);
		pool.shutdownNow();
		long total = timings.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
		System.out.printf("%d users, closed loop, %d s: %,d pages = %.0f pages/s%n", users, seconds, total,
				total / (double) seconds);
		List<Long> all = new ArrayList<>();
		for (String page : PAGES) {
			long[] sorted = timings.get(page).stream().mapToLong(Long::longValue).sorted().toArray();
			timings.get(page).forEach(all::add);
			System.out.printf("  %-10s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%,d)%n", page, pct(sorted, 0.50),
					pct(sorted, 0.95), pct(sorted, 0.99), sorted.length);
		}
		long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("  %-10s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (goal: p95 < 50 ms)%n", "all",
				pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99));
	}

	static ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> run(ExecutorService pool, List<Browser> browsers,
			int seconds) throws Exception {
		ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> timings = new ConcurrentHashMap<>();
		PAGES.forEach((page) -> timings.put(page, new ConcurrentLinkedQueue<>()));
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Future<?>> running = new ArrayList<>();
		for (Browser browser : browsers) {
			running.add(pool.submit(() -> {
				int i = 0;
				while (System.nanoTime() < end) {
					String page = PAGES.get(i++ % PAGES.size());
					long start = System.nanoTime();
					HttpResponse<String> response = browser.get(page);
					long nanos = System.nanoTime() - start;
					if (response.statusCode() != 200 || !response.body().contains("<main")) {
						throw new IllegalStateException(page + " answered " + response.statusCode());
					}
					timings.get(page).add(nanos);
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		return timings;
	}

	/** The scripts and styles a page loads, compressed as the gateway sends them, and references to other hosts. */
	static void assets(Browser browser) throws Exception {
		String overview = browser.get("/").body();
		Matcher matcher = Pattern.compile("(?:src|href)=\"([^\"]+\\.(?:js|css))\"").matcher(overview);
		long compressed = 0;
		long plain = 0;
		while (matcher.find()) {
			HttpResponse<byte[]> asset = browser.http.send(HttpRequest.newBuilder(gateway.resolve(matcher.group(1)))
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

	/** One user's browser: its own cookie jar, redirects followed like a browser follows them. */
	record Browser(HttpClient http) {

		static Browser loggedIn(String user, String password) throws Exception {
			CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
			HttpClient http = HttpClient.newBuilder()
				.cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.ALWAYS)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			Browser browser = new Browser(http);
			HttpResponse<String> login = browser.get("/");
			Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(login.body());
			if (!action.find()) {
				throw new IllegalStateException("no Keycloak login form at " + login.uri());
			}
			String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
			HttpResponse<String> landed = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (landed.statusCode() != 200 || !landed.body().contains("id=\"balance\"")) {
				throw new IllegalStateException(user + " did not reach the overview: " + landed.statusCode());
			}
			return browser;
		}

		HttpResponse<String> get(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(gateway.resolve(path)).header("Accept-Language", "en-US").build(),
					HttpResponse.BodyHandlers.ofString());
		}

	}

	static String token(String user, String password) throws Exception {
		return field(api("POST", "/api/auth/login", null,
				"{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"), "accessToken");
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

import dev.portico.launcher.DemoLogins;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load against a running suite (./portal up), all through the gateway. A single-file program.
 * <p>
 * {@code issue [gateway] [n]}: ops issues n invoices one after the other to a fresh account; from each 201 the
 * overview is read (every 5 ms, under the per-user rate limit) until it shows the new balance.
 * <p>
 * {@code payments [gateway] [clients] [payments] [seconds] [rates]}: C clients, each a customer of an account of
 * its own (with a large open invoice and a saved card), after WARMUP_SECONDS (default 120) of unmeasured payments:
 * (1) payment-to-balance: each pays 1.00, waits for the balance event on its account's stream, then reads its
 * overview until it shows the new balance, N payments in all; (2) throughput: payments offered at each of the
 * given rates per second (open loop, spread over the C accounts) for S seconds each (after 5 unmeasured seconds at
 * the rate; the slow answers' place in the run goes to stderr, p99 per 5 s), then C clients back to back
 * for S seconds (the saturation point). Rates {@code -} leave out (2)'s fixed rates, S = 0 all of (2), N = 0 all of
 * (1).
 * <p>
 * THINK_MS (default 0: back to back) makes each client of (1) pause 0.5-1.5 x THINK_MS between payments, as
 * customers do, so that the latency is measured at a load the suite carries rather than at its saturation.
 */
public class SuiteLoad {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static URI gateway;

	public static void main(String[] args) throws Exception {
		gateway = URI.create(args.length > 1 ? args[1] : "http://localhost:8080");
		if (args.length > 0 && args[0].equals("issue")) {
			issueToOverview(args.length > 2 ? Integer.parseInt(args[2]) : 200);
			return;
		}
		int clients = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		int payments = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
		int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
		String rateList = args.length > 5 ? args[5] : "60,80,100,120,140";
		int[] rates = rateList.equals("-") ? new int[0]
				: Arrays.stream(rateList.split(",")).mapToInt(Integer::parseInt).toArray();
		long thinkMillis = Long.parseLong(System.getenv().getOrDefault("THINK_MS", "0"));
		int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "120"));
		String ops = login("ops", "Ops#2026");
		List<Client> all = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			all.add(Client.create(ops, i));
		}
		ExecutorService pool = Executors.newFixedThreadPool(clients, (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			return thread;
		});
		if (warmup > 0) {
			System.out.printf("warm-up: %d clients paying back to back for %d s (not measured)%n", clients, warmup);
			closedLoop(pool, all, warmup);
			// The payments are answered before they are applied: wait until every account shows all of its own.
			long drained = System.nanoTime();
			for (Client client : all) {
				while (balance(client.account(), client.token())
					.compareTo(client.owed().subtract(BigDecimal.valueOf(client.paid().get()))) != 0) {
					Thread.sleep(50);
					if (System.nanoTime() - drained > 120_000_000_000L) {
						throw new IllegalStateException("The warm-up's payments were not all applied within 120 s");
					}
				}
			}
			System.out.printf("warm-up's payments all applied %.1f s after the last one was answered%n",
					(System.nanoTime() - drained) / 1e9);
		}

		// (1) Payment-to-balance. Each client watches its account's event stream, as the
		// web app does; once the balance event with the new balance arrived, the overview
		// is read until it shows it. The overview read after the push is an upper bound
		// of when the overview first showed the payment, without the load of twenty
		// clients polling it every few milliseconds. Payments 0 leave (1) out.
		if (payments > 0) {
			Map<String, double[]> phasesBefore = PostPhases.snapshot();
			AtomicInteger left = new AtomicInteger(payments);
			List<Future<List<long[]>>> runs = new ArrayList<>();
			for (Client client : all) {
				runs.add(pool.submit(() -> client.payAndWatch(left, thinkMillis)));
			}
			List<Long> visible = new ArrayList<>();
			List<Long> pushed = new ArrayList<>();
			List<Long> posts = new ArrayList<>();
			int pushedFirst = 0;
			for (Future<List<long[]>> run : runs) {
				for (long[] sample : run.get()) {
					posts.add(sample[0]);
					pushed.add(Math.max(0, sample[1]));
					pushedFirst += (sample[1] <= 0) ? 1 : 0;
					visible.add(sample[2]);
				}
			}
			System.out.printf("payment-to-balance: %d clients, %s%n", clients, thinkMillis == 0 ? "each paying again as soon as"
					+ " its last payment shows (back to back)" : "each pausing 0.5-1.5 x " + thinkMillis + " ms between payments");
			print("payment-to-balance (201 → overview shows it)", visible, "goal p50 < 30 ms, p99 < 100 ms");
			print("SSE push (201 → balance event)", pushed,
					"%d of %d pushed before the 201 arrived, counted as 0".formatted(pushedFirst, pushed.size()));
			print("POST /payments while watching", posts, "");
			PostPhases.print(phasesBefore, PostPhases.snapshot());
		}

		// (2) Throughput at fixed arrival rates (open loop: a slow answer does not slow the arrivals, and latency
		// counts from when the payment was due to be sent), then the most the suite takes with 20 clients back
		// to back.
		int held = 0;
		for (int rate : rates) {
			Result result = openLoop(all, rate, seconds);
			System.out.printf("at %d payments/s offered for %d s (+%d s lead-in): %.1f/s completed, %d failed; ", rate,
					seconds, LEAD_IN_SECONDS,
					result.latencies().size() / (double) seconds, result.failures());
			print("POST /payments", result.latencies(), "goal p99 < 250 ms");
			long[] sorted = result.latencies().stream().mapToLong(Long::longValue).sorted().toArray();
			if (result.failures() == 0 && sorted.length >= rate * seconds * 0.98 && pct(sorted, 0.99) < 250) {
				held = Math.max(held, rate);
			}
		}
		if (rates.length > 0) {
			System.out.printf("highest offered rate held with p99 < 250 ms and no failures: %s%n",
					held == 0 ? "none" : held + " payments/s (goal >= 100/s)");
		}
		if (seconds == 0) {
			System.exit(0);
		}
		Map<String, double[]> phasesBefore = PostPhases.snapshot();
		List<Long> flood = closedLoop(pool, all, seconds);
		pool.shutdown();
		System.out.printf("saturation: %d payments in %d s = %.1f payments/s with %d clients back to back%n",
				flood.size(), seconds, flood.size() / (double) seconds, clients);
		print("POST /payments back to back", flood, "");
		PostPhases.print(phasesBefore, PostPhases.snapshot());
		System.exit(0);
	}

	record Result(List<Long> latencies, int failures) {
	}

	/**
	 * Where the POSTs of a run spent their time inside payment-service, from its metrics before and after the run
	 * (PAYMENT_METRICS, default the local run's payment-service): the mean of each phase, of invoice-service's
	 * open-balance answer within the checks, and of the whole request in payment-service.
	 */
	static final class PostPhases {

		static final URI METRICS = URI.create(System.getenv()
			.getOrDefault("PAYMENT_METRICS", "http://localhost:8084/actuator/prometheus"));

		/** Sum (seconds) and count of each phase, of {@code receivable} and of {@code served}. */
		static Map<String, double[]> snapshot() {
			Map<String, double[]> totals = new java.util.TreeMap<>();
			String text;
			try {
				text = HTTP.send(HttpRequest.newBuilder(METRICS).build(), HttpResponse.BodyHandlers.ofString()).body();
			}
			catch (Exception ex) {
				return totals;
			}
			for (String line : text.split("\n")) {
				String name = null;
				if (line.startsWith("portico_payments_post_phase_seconds_")) {
					Matcher phase = Pattern.compile("phase=\"([a-z]+)\"").matcher(line);
					name = phase.find() ? phase.group(1) : null;
				}
				else if (line.startsWith("http_client_requests_seconds_") && line.contains("/receivable")) {
					name = "receivable";
				}
				else if (line.startsWith("http_server_requests_seconds_") && line.contains("method=\"POST\"")
						&& line.contains("uri=\"/api/accounts/{accountId}/payments\"")) {
					name = "served";
				}
				if (name == null || !(line.contains("_seconds_sum{") || line.contains("_seconds_count{"))) {
					continue;
				}
				double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				double[] total = totals.computeIfAbsent(name, (key) -> new double[2]);
				total[line.contains("_seconds_sum{") ? 0 : 1] += value;
			}
			return totals;
		}

		static void print(Map<String, double[]> before, Map<String, double[]> after) {
			if (after.isEmpty()) {
				System.out.println("POST phases: payment-service's metrics not reachable at " + METRICS);
				return;
			}
			StringBuilder line = new StringBuilder("POST in payment-service, mean ms:");
			for (String name : List.of("lookup", "check", "receivable", "claim", "charge", "settle", "served")) {
				double[] a = after.getOrDefault(name, new double[2]);
				double[] b = before.getOrDefault(name, new double[2]);
				double count = a[1] - b[1];
				String label = switch (name) {
					case "receivable" -> "(of which invoice-service's open balance";
					case "served" -> "| whole request";
					default -> name;
				};
				line.append(' ').append(label).append(' ')
					.append((count > 0) ? "%.1f".formatted((a[0] - b[0]) * 1000 / count) : "-")
					.append(name.equals("receivable") ? ")" : "").append(name.equals("served") ? "" : ",");
			}
			System.out.println(line);
		}

	}

	/** Unmeasured seconds at each fixed rate before its measured ones. */
	static final int LEAD_IN_SECONDS = 5;

	static List<Long> closedLoop(ExecutorService pool, List<Client> all, int seconds) throws Exception {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Future<List<Long>>> floods = new ArrayList<>();
		for (Client client : all) {
			floods.add(pool.submit(() -> client.payUntil(end)));
		}
		List<Long> flood = new ArrayList<>();
		for (Future<List<Long>> run : floods) {
			flood.addAll(run.get());
		}
		return flood;
	}

	static Result openLoop(List<Client> all, int rate, int seconds) throws Exception {
		AtomicInteger failures = new AtomicInteger();
		Map<String, Integer> reasons = new java.util.concurrent.ConcurrentHashMap<>();
		// Each measured payment as {when it was due, from the measured start; its latency}.
		List<long[]> timeline = java.util.Collections.synchronizedList(new ArrayList<>());
		long intervalNanos = 1_000_000_000L / rate;
		// The rate runs for LEAD_IN_SECONDS before the measured seconds, unmeasured: the suite goes from whatever the
		// bench did before (another rate, clients watching their streams) into a steady state at this rate first.
		long leadIn = LEAD_IN_SECONDS * rate;
		long start = System.nanoTime() + LEAD_IN_SECONDS * 1_000_000_000L;
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = -leadIn; i < (long) rate * seconds; i++) {
				long due = start + i * intervalNanos;
				boolean measured = i >= 0;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				Client client = all.get((int) Math.floorMod(i, (long) all.size()));
				senders.submit(() -> {
					try {
						client.pay();
						if (measured) {
							timeline.add(new long[] { due - start, System.nanoTime() - due });
						}
					}
					catch (Exception ex) {
						// Failures count in the lead-in too: the rate must be held throughout.
						failures.incrementAndGet();
						String reason = String.valueOf(ex.getMessage());
						reasons.merge(reason.substring(0, Math.min(160, reason.length())), 1, Integer::sum);
					}
				});
			}
		}
		// Where in the run the slow answers were (a stall at the start, a burst in the middle, or spread out).
		StringBuilder windows = new StringBuilder("p99 by 5 s window (ms):");
		for (long from = 0; from < seconds * 1_000_000_000L; from += 5_000_000_000L) {
			long lo = from;
			long[] window = timeline.stream().filter((s) -> s[0] >= lo && s[0] < lo + 5_000_000_000L)
				.mapToLong((s) -> s[1]).sorted().toArray();
			windows.append(window.length == 0 ? " -" : " %.0f".formatted(pct(window, 0.99)));
		}
		System.err.println(windows);
		// What failed, so that a failed run says why (the figures count a failure against the rate).
		reasons.forEach((reason, count) -> System.err.printf("%d failed: %s%n", count, reason));
		return new Result(timeline.stream().map((s) -> s[1]).toList(), failures.get());
	}

	static void issueToOverview(int n) throws Exception {
		String ops = login("ops", "Ops#2026");
		String account = field(send("POST", "/api/accounts", ops, """
				{"name":"Bench issue-to-overview %d","currency":"USD","billDay":1,
				 "contact":{"name":"Bench","email":"bench@portico.example"},
				 "billingAddress":{"line1":"1 Bench Road","city":"Springfield","country":"US"},
				 "features":{"payments":true,"paymentMethods":true}}""".formatted(System.nanoTime()), 201, null),
				"accountId");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String invoice = """
				{"accountId":"%s","issueDate":"%s","dueDate":"%s","periodStart":"%s","periodEnd":"%s","currency":"USD",
				 "lines":[{"description":"Bench charge","product":"Bench","quantity":"1","unitPrice":"1.00"}]}"""
			.formatted(account, today, today.plusDays(30), today.minusMonths(1), today.minusDays(1));
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (i % 100 == 99) {
				ops = login("ops", "Ops#2026");
			}
			BigDecimal expected = balance(account, ops).add(BigDecimal.ONE);
			send("POST", "/api/invoices", ops, invoice, 201, null);
			long created = System.nanoTime();
			while (balance(account, ops).compareTo(expected) != 0) {
				Thread.sleep(5);
				if (System.nanoTime() - created > 10_000_000_000L) {
					throw new IllegalStateException("The overview did not show the new balance within 10 s");
				}
			}
			nanos.add(System.nanoTime() - created);
		}
		print("issue-to-overview (201 → overview shows it)", nanos, "goal p99 < 200 ms");
	}

	static void print(String what, List<Long> nanos, String goal) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("%s over %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms %s%n", what, sorted.length,
				pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
				goal.isEmpty() ? "" : "(" + goal + ")");
	}

	/** A client's tokens and when they were issued. */
	record Session(long issuedNanos, String accessToken, String refreshToken) {

		static Session of(String loginAnswer) {
			return new Session(System.nanoTime(), field(loginAnswer, "accessToken"), field(loginAnswer, "refreshToken"));
		}

	}

	/** A customer paying its own account; {@code owed} is what the account owes before any of its payments. */
	record Client(String user, java.util.concurrent.atomic.AtomicReference<Session> session,
			java.util.concurrent.atomic.AtomicBoolean renewing, String account, String method, BigDecimal owed,
			AtomicInteger paid) {

		/**
		 * The access token. Once it is three to four minutes old (tokens last five; each client has its own age, so
		 * that twenty clients do not renew at the same instant) it is renewed in the background with the refresh
		 * token, as an app does, while the payments in flight go on with the current one: a renewal in a payment's
		 * path, or one that held up the client's other payments, would be counted in their latency.
		 */
		String token() {
			Session current = this.session.get();
			long renewAfter = (180 + Math.floorMod(this.user.hashCode(), 60)) * 1_000_000_000L;
			if (System.nanoTime() - current.issuedNanos() >= renewAfter && this.renewing.compareAndSet(false, true)) {
				Thread.ofVirtual().start(() -> {
					try {
						this.session.set(Session.of(refresh(current.refreshToken())));
					}
					catch (Exception ex) {
						System.err.println("token renewal of " + this.user + " failed: " + ex.getMessage());
					}
					finally {
						this.renewing.set(false);
					}
				});
			}
			return current.accessToken();
		}

		static Client create(String ops, int i) throws Exception {
			String tag = UUID.randomUUID().toString().substring(0, 8);
			String account = field(send("POST", "/api/accounts", ops, """
					{"name":"Bench payer %s","currency":"USD","billDay":1,
					 "contact":{"name":"Bench","email":"bench@portico.example"},
					 "billingAddress":{"line1":"1 Bench Road","city":"Springfield","country":"US"},
					 "features":{"payments":true,"paymentMethods":true}}""".formatted(tag), 201, null), "accountId");
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			send("POST", "/api/invoices", ops, """
					{"accountId":"%s","issueDate":"%s","dueDate":"%s","periodStart":"%s","periodEnd":"%s","currency":"USD",
					 "lines":[{"description":"Bench","product":"Bench","quantity":"1","unitPrice":"1000000.00"}]}"""
				.formatted(account, today, today.plusDays(30), today.minusMonths(1), today.minusDays(1)), 201, null);
			String user = "bench-pay-" + tag;
			send("POST", "/api/auth/users", ops, """
					{"username":"%s","email":"%s@portico.example","accountId":"%s","password":"Bench#2026-pay"}"""
				.formatted(user, user, account), 201, null);
			Session session = Session.of(loginAnswer(user, "Bench#2026-pay"));
			String token = session.accessToken();
			String cardToken = field(send("POST", "/api/payment-simulator/tokens", null, """
					{"cardNumber":"4242424242424242","expMonth":12,"expYear":2035,"cvc":"123","holderName":"Bench Payer"}""",
					201, null), "processorToken");
			String method = field(send("POST", "/api/accounts/" + account + "/payment-methods", token,
					"{\"processorToken\":\"" + cardToken + "\"}", 201, null), "paymentMethodId");
			// Wait until the invoice's balance reached the overview.
			BigDecimal owed;
			while ((owed = balance(account, token)).signum() == 0) {
				Thread.sleep(20);
			}
			return new Client(user, new java.util.concurrent.atomic.AtomicReference<>(session),
					new java.util.concurrent.atomic.AtomicBoolean(), account, method, owed, new AtomicInteger());
		}

		List<long[]> payAndWatch(AtomicInteger left, long thinkMillis) throws Exception {
			List<long[]> samples = new ArrayList<>();
			BalanceStream stream = BalanceStream.open(this.account, token());
			var random = java.util.concurrent.ThreadLocalRandom.current();
			try {
				// Paced clients start at a random point of a pause, so they do not all pay at the same instant.
				Thread.sleep((long) (random.nextDouble() * thinkMillis));
				while (left.getAndDecrement() > 0) {
					long start = System.nanoTime();
					// What the balance is once this payment and every earlier one (all of 1.00) are applied.
					BigDecimal expected = this.owed.subtract(BigDecimal.valueOf(pay()));
					long created = System.nanoTime();
					long pushedAt = stream.awaitBalance(expected, created + 10_000_000_000L);
					while (balance(this.account, token()).compareTo(expected) != 0) {
						Thread.sleep(5);
						if (System.nanoTime() - created > 10_000_000_000L) {
							throw new IllegalStateException("No new balance within 10 s");
						}
					}
					samples.add(new long[] { created - start, pushedAt - created, System.nanoTime() - created });
					Thread.sleep((long) (thinkMillis * (0.5 + random.nextDouble())));
				}
			}
			finally {
				stream.close();
			}
			return samples;
		}

		List<Long> payUntil(long end) throws Exception {
			List<Long> samples = new ArrayList<>();
			while (System.nanoTime() < end) {
				long start = System.nanoTime();
				pay();
				samples.add(System.nanoTime() - start);
			}
			return samples;
		}

		/** Pays 1.00; returns how many payments this client has made so far. */
		int pay() throws Exception {
			send("POST", "/api/accounts/" + this.account + "/payments", token(), """
					{"amount":"1.00","currency":"USD","paymentMethodId":"%s"}""".formatted(this.method), 201,
					UUID.randomUUID().toString());
			return this.paid.incrementAndGet();
		}

	}

	/** An account's event stream through the gateway, remembering when each balance first arrived. */
	static final class BalanceStream {

		private static final Pattern BALANCE = Pattern.compile("\"balance\"\\s*:\\s*\"?(-?[0-9.]+)");

		private final java.util.Map<BigDecimal, Long> arrivals = new java.util.HashMap<>();

		private final java.io.InputStream body;

		private BalanceStream(java.io.InputStream body) {
			this.body = body;
			Thread.ofVirtual().start(this::read);
		}

		static BalanceStream open(String account, String token) throws Exception {
			HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest
				.newBuilder(gateway.resolve("/api/accounts/" + account + "/events"))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("events answered " + response.statusCode());
			}
			return new BalanceStream(response.body());
		}

		private void read() {
			try (var lines = new java.io.BufferedReader(
					new java.io.InputStreamReader(this.body, java.nio.charset.StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					Matcher matcher = BALANCE.matcher(line);
					if (line.startsWith("data:") && matcher.find()) {
						long now = System.nanoTime();
						synchronized (this) {
							this.arrivals.putIfAbsent(new BigDecimal(matcher.group(1)).stripTrailingZeros(), now);
							notifyAll();
						}
					}
				}
			}
			catch (java.io.IOException ex) {
				// closed
			}
		}

		synchronized long awaitBalance(BigDecimal balance, long deadline) throws InterruptedException {
			BigDecimal key = balance.stripTrailingZeros();
			while (!this.arrivals.containsKey(key)) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException("No balance event with " + balance + " within 10 s");
				}
				wait(Math.max(1, left / 1_000_000));
			}
			return this.arrivals.get(key);
		}

		void close() throws java.io.IOException {
			this.body.close();
		}

	}

	static BigDecimal balance(String account, String token) throws Exception {
		return new BigDecimal(field(send("GET", "/api/accounts/" + account + "/overview", token, null, 200, null), "balance"));
	}

	static String login(String user, String password) throws Exception {
		return field(loginAnswer(user, password), "accessToken");
	}

	/**
	 * Logs in and returns the answer with both tokens; a 503 (Keycloak slower than auth-service waits on saturated
	 * cores, after which auth-service's circuit breaker stays open for ten seconds) is retried every second for half
	 * a minute.
	 */
	static String loginAnswer(String user, String password) throws Exception {
		return retryingUnavailable(() -> send("POST", "/api/auth/login", null, DemoLogins.loginJson(user, password), 200,
				null));
	}

	/** New tokens for a refresh token, retried like a login. */
	static String refresh(String refreshToken) throws Exception {
		return retryingUnavailable(() -> send("POST", "/api/auth/refresh", null,
				"{\"refreshToken\":\"" + refreshToken + "\"}", 200, null));
	}

	static String retryingUnavailable(java.util.concurrent.Callable<String> call) throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				return call.call();
			}
			catch (IllegalStateException ex) {
				if (attempt == 30 || !ex.getMessage().contains(" answered 503")) {
					throw ex;
				}
				Thread.sleep(1000);
			}
		}
	}

	static String send(String method, String path, String token, String body, int expected, String key)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return matcher.group(1);
	}

	static double pct(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

}

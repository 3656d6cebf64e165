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
 * given rates per second (open loop, spread over the C accounts) for S seconds each, then C clients back to back
 * for S seconds (the saturation point). Rates {@code -} leave out (2)'s fixed rates, S = 0 all of (2).
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

		// (1) Payment-to-balance. Each client watches its account's event stream, as the web app does; once the
		// balance event with the new balance arrived, the overview is read until it shows it. The overview read
		// after the push is an upper bound of when the overview first showed the payment, without the load of
		// twenty clients polling it every few milliseconds.
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

		// (2) Throughput at fixed arrival rates (open loop: a slow answer does not slow the arrivals, and latency
		// counts from when the payment was due to be sent), then the most the suite takes with 20 clients back
		// to back.
		int held = 0;
		for (int rate : rates) {
			Result result = openLoop(all, rate, seconds);
			System.out.printf("at %d payments/s offered for %d s: %.1f/s completed, %d failed; ", rate, seconds,
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
		List<Long> flood = closedLoop(pool, all, seconds);
		pool.shutdown();
		System.out.printf("saturation: %d payments in %d s = %.1f payments/s with %d clients back to back%n",
				flood.size(), seconds, flood.size() / (double) seconds, clients);
		print("POST /payments back to back", flood, "");
		System.exit(0);
	}

	record Result(List<Long> latencies, int failures) {
	}

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
		List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failures = new AtomicInteger();
		Map<String, Integer> reasons = new java.util.concurrent.ConcurrentHashMap<>();
		long intervalNanos = 1_000_000_000L / rate;
		long start = System.nanoTime();
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < rate * seconds; i++) {
				long due = start + i * intervalNanos;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				Client client = all.get(i % all.size());
				senders.submit(() -> {
					try {
						client.pay();
						latencies.add(System.nanoTime() - due);
					}
					catch (Exception ex) {
						failures.incrementAndGet();
						String reason = String.valueOf(ex.getMessage());
						reasons.merge(reason.substring(0, Math.min(160, reason.length())), 1, Integer::sum);
					}
				});
			}
		}
		// What failed, so that a failed run says why (the figures count a failure against the rate).
		reasons.forEach((reason, count) -> System.err.printf("%d failed: %s%n", count, reason));
		return new Result(latencies, failures.get());
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

	/** A customer paying its own account; {@code owed} is what the account owes before any of its payments. */
	record Client(String user, java.util.concurrent.atomic.AtomicReference<String> session, String account, String method,
			BigDecimal owed, AtomicInteger paid) {

		/**
		 * The access token, renewed by a new login once it is three to four minutes old (tokens last five); each
		 * client has its own age, so that twenty clients do not log in at the same instant, and one login renews it
		 * for all of the client's payments in flight (at a fixed rate a client has several).
		 */
		String token() {
			long renewAfter = (180 + Math.floorMod(this.user.hashCode(), 60)) * 1_000_000_000L;
			synchronized (this.session) {
				String current = this.session.get();
				long issued = Long.parseLong(current.substring(0, current.indexOf(' ')));
				if (System.nanoTime() - issued >= renewAfter) {
					try {
						current = System.nanoTime() + " " + login(this.user, "Bench#2026-pay");
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					this.session.set(current);
				}
				return current.substring(current.indexOf(' ') + 1);
			}
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
			String token = login(user, "Bench#2026-pay");
			String method = field(send("POST", "/api/accounts/" + account + "/payment-methods", token, """
					{"cardNumber":"4242424242424242","expMonth":12,"expYear":2035,"cvc":"123","holderName":"Bench Payer"}""",
					201, null), "paymentMethodId");
			// Wait until the invoice's balance reached the overview.
			BigDecimal owed;
			while ((owed = balance(account, token)).signum() == 0) {
				Thread.sleep(20);
			}
			return new Client(user, new java.util.concurrent.atomic.AtomicReference<>(System.nanoTime() + " " + token),
					account, method, owed, new AtomicInteger());
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

	/**
	 * Logs in; a 503 (Keycloak slower than auth-service waits on saturated cores, after which auth-service's circuit
	 * breaker stays open for ten seconds) is retried every second for half a minute.
	 */
	static String login(String user, String password) throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				return field(send("POST", "/api/auth/login", null,
						"{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", 200, null), "accessToken");
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

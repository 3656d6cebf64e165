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
 * {@code payments [gateway] [clients] [payments] [seconds]}: C clients, each a customer of an account of its own
 * (with a large open invoice and a saved card): (1) payment-to-balance: each pays 1.00, then reads its overview
 * every 5 ms until the balance shows it, N payments in all; (2) throughput: each posts payments back to back for S
 * seconds.
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
		String ops = login("ops", "Ops#2026");
		List<Client> all = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			all.add(Client.create(ops, i));
		}
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger left = new AtomicInteger(payments);
		List<Future<List<long[]>>> runs = new ArrayList<>();
		for (Client client : all) {
			runs.add(pool.submit(() -> client.payAndWatch(left)));
		}
		List<Long> visible = new ArrayList<>();
		List<Long> posts = new ArrayList<>();
		for (Future<List<long[]>> run : runs) {
			for (long[] sample : run.get()) {
				posts.add(sample[0]);
				visible.add(sample[1]);
			}
		}
		print("payment-to-balance (201 → overview shows it)", visible, "goal p50 < 30 ms, p99 < 100 ms");
		print("POST /payments while watching", posts, "");

		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Future<List<Long>>> floods = new ArrayList<>();
		for (Client client : all) {
			floods.add(pool.submit(() -> client.payUntil(end)));
		}
		List<Long> flood = new ArrayList<>();
		for (Future<List<Long>> run : floods) {
			flood.addAll(run.get());
		}
		pool.shutdown();
		System.out.printf("throughput: %d payments in %d s = %.1f payments/s at %d clients (goal >= 100/s)%n",
				flood.size(), seconds, flood.size() / (double) seconds, clients);
		print("POST /payments under load", flood, "goal p99 < 250 ms");
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

	record Client(String token, String account, String method) {

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
			while (balance(account, token).signum() == 0) {
				Thread.sleep(20);
			}
			return new Client(token, account, method);
		}

		List<long[]> payAndWatch(AtomicInteger left) throws Exception {
			List<long[]> samples = new ArrayList<>();
			while (left.getAndDecrement() > 0) {
				BigDecimal expected = balance(this.account, this.token).subtract(BigDecimal.ONE);
				long start = System.nanoTime();
				pay();
				long created = System.nanoTime();
				while (balance(this.account, this.token).compareTo(expected) != 0) {
					Thread.sleep(5);
					if (System.nanoTime() - created > 10_000_000_000L) {
						throw new IllegalStateException("No new balance within 10 s");
					}
				}
				samples.add(new long[] { created - start, System.nanoTime() - created });
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

		void pay() throws Exception {
			send("POST", "/api/accounts/" + this.account + "/payments", this.token, """
					{"amount":"1.00","currency":"USD","paymentMethodId":"%s"}""".formatted(this.method), 201,
					UUID.randomUUID().toString());
		}

	}

	static BigDecimal balance(String account, String token) throws Exception {
		return new BigDecimal(field(send("GET", "/api/accounts/" + account + "/overview", token, null, 200, null), "balance"));
	}

	static String login(String user, String password) throws Exception {
		return field(send("POST", "/api/auth/login", null,
				"{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", 200, null), "accessToken");
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

package dev.portico.account.hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import dev.portico.platform.web.ResultPage;
import dev.portico.account.testing.AccountRows.Row;
import dev.portico.account.testing.AccountRows;
import dev.portico.platform.security.PortalPrincipal;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hierarchy at its target size: 100,000 accounts, ten levels deep, on the embedded
 * PostgreSQL the tests use. Measures the membership check exactly as the service runs it
 * (the {@code AccountAccess} bean's code over JDBC and a Hikari pool) for random pairs,
 * half inside and half outside the subtree, and compares it with the two alternatives
 * (recursive walk up {@code parent_id}, closure table); then times subtree searches.
 * <p>
 * Not a test: Surefire runs {@code *Test} only. Run it with
 * {@code account-service/bench/hierarchy.sh}; results go to
 * {@code account-service/target/hierarchy-benchmark.txt}.
 */
class HierarchyBenchmark {

	private static final int ACCOUNTS = 100_000;

	private static final int MAX_DEPTH = 10;

	private static final int BIG_TREE = 50_000;

	private static final int SMALL_TREE = 100;

	private static final int WARMUP = 5_000;

	private static final int CHECKS = 20_000;

	private static final String[] WORDS = { "Acme", "Blue", "Cedar", "Delta", "Echo", "Falcon", "Granite", "Harbor",
			"Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nova", "Orbit", "Pine", "Quartz", "River", "Summit",
			"Tidal", "Umber", "Vista", "Willow", "Xenon", "Yarrow", "Zephyr", "Retail", "Logistics", "Cafe", "Energy",
			"Health", "Media", "Foods", "Motors", "Labs", "Works", "Travel", "Studio", "Market", "Systems" };

	private final Random random = new Random(42);

	private final List<Node> nodes = new ArrayList<>(ACCOUNTS);

	private final StringBuilder report = new StringBuilder();

	@Test
	void run() throws IOException {
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(AccountRows.migratedDatabase());
			dataSource.setUsername("postgres");
			dataSource.setPassword("postgres");
			// Pool as account-service configures it: its size default and its connection
			// set-up from application.yml.
			dataSource.setMaximumPoolSize(10);
			dataSource.setConnectionInitSql(serviceProperty("spring.datasource.hikari.connection-init-sql"));
			JdbcClient jdbc = JdbcClient.create(dataSource);
			HierarchyRepository hierarchy = new HierarchyRepository(jdbc);
			HierarchyAccountAccess access = new HierarchyAccountAccess(hierarchy);

			long seeding = System.nanoTime();
			seed(new AccountRows(dataSource));
			jdbc.sql("ANALYZE account").update();
			line("Seeded %,d accounts (one tree of %,d, %d trees of %d; max depth %d) in %.1f s", this.nodes.size(),
					BIG_TREE, (ACCOUNTS - BIG_TREE) / SMALL_TREE, SMALL_TREE,
					this.nodes.stream().mapToInt((n) -> n.path.size()).max().orElseThrow(),
					(System.nanoTime() - seeding) / 1e9);
			line("PostgreSQL %s; account table %s, GIN path index %s",
					jdbc.sql("SHOW server_version").query(String.class).single(), size(jdbc, "account"),
					size(jdbc, "account_path_idx"));

			if (Boolean.getBoolean("bench.explain")) {
				explain(jdbc);
				return;
			}
			List<Pair> pairs = pairs(WARMUP + CHECKS);
			line("");
			line("Membership \"is B in A's subtree?\" (%,d random pairs, half inside, after %,d warm-up calls), ms:",
					CHECKS, WARMUP);
			membership("materialised path, as the service runs it", pairs,
					(pair) -> access.mayAccess(customerOf(pair.ancestor), pair.account));
			membership("recursive walk up parent_id", pairs,
					(pair) -> jdbc.sql("""
							WITH RECURSIVE up (id, parent_id) AS (
							  SELECT id, parent_id FROM account WHERE id = :account
							  UNION ALL
							  SELECT a.id, a.parent_id FROM account a JOIN up ON a.id = up.parent_id)
							SELECT EXISTS (SELECT 1 FROM up WHERE id = :ancestor)""")
						.param("account", pair.account)
						.param("ancestor", pair.ancestor)
						.query(Boolean.class)
						.single());
			jdbc.sql("""
					CREATE TABLE account_closure AS SELECT unnest(path) AS ancestor_id, id AS descendant_id \
					FROM account;
					ALTER TABLE account_closure ADD PRIMARY KEY (ancestor_id, descendant_id);
					ANALYZE account_closure""").update();
			membership(
					"closure table (" + String.format(Locale.ROOT, "%,d rows, %s",
							jdbc.sql("SELECT count(*) FROM account_closure").query(Long.class).single(),
							size(jdbc, "account_closure")) + " with its key)",
					pairs,
					(pair) -> jdbc.sql("""
							SELECT EXISTS (SELECT 1 FROM account_closure
							  WHERE ancestor_id = :ancestor AND descendant_id = :account)""")
						.param("account", pair.account)
						.param("ancestor", pair.ancestor)
						.query(Boolean.class)
						.single());

			searches(hierarchy);
		}
		Path out = Path.of("target", "hierarchy-benchmark.txt");
		Files.writeString(out, this.report);
		System.out.println(this.report);
	}

	/**
	 * One big customer and many small ones; each new account hangs below a random account
	 * less than ten deep.
	 */
	private void seed(AccountRows rows) {
		int trees = 1 + (ACCOUNTS - BIG_TREE) / SMALL_TREE;
		for (int tree = 0; tree < trees; tree++) {
			int size = (tree == 0) ? BIG_TREE : SMALL_TREE;
			List<Node> shallow = new ArrayList<>();
			List<Row> batch = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				Node parent = (i == 0) ? null : (i < MAX_DEPTH) ? shallow.get(shallow.size() - 1)
						: shallow.get(this.random.nextInt(shallow.size()));
				Node node = new Node(UUID.randomUUID(), name(), parent);
				this.nodes.add(node);
				batch.add(new Row(node.id, node.name, (parent != null) ? parent.id : null));
				if (node.path.size() < MAX_DEPTH) {
					shallow.add(node);
				}
			}
			rows.insertAll(batch);
		}
		rows.countDescendants();
	}

	private String name() {
		return WORDS[this.random.nextInt(WORDS.length)] + " " + WORDS[this.random.nextInt(WORDS.length)] + " "
				+ (1000 + this.random.nextInt(9000));
	}

	private List<Pair> pairs(int count) {
		List<Pair> pairs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Node account = this.nodes.get(this.random.nextInt(this.nodes.size()));
			if (i % 2 == 0) {
				pairs.add(new Pair(account.path.get(this.random.nextInt(account.path.size())), account.id, true));
			}
			else {
				Node other = this.nodes.get(this.random.nextInt(this.nodes.size()));
				pairs.add(new Pair(other.id, account.id, account.path.contains(other.id)));
			}
		}
		return pairs;
	}

	private void membership(String label, List<Pair> pairs, java.util.function.Predicate<Pair> check) {
		long[] times = new long[CHECKS];
		for (int i = 0; i < pairs.size(); i++) {
			Pair pair = pairs.get(i);
			long start = System.nanoTime();
			boolean inside = check.test(pair);
			long took = System.nanoTime() - start;
			assertThat(inside).as("%s for %s", label, pair).isEqualTo(pair.inside);
			if (i >= WARMUP) {
				times[i - WARMUP] = took;
			}
		}
		line("  %-72s %s", label, percentiles(times));
	}

	private void searches(HierarchyRepository hierarchy) {
		Node bigRoot = this.nodes.get(0);
		Node middle = this.nodes.stream()
			.filter((n) -> n.path.size() == 3 && n.path.get(0).equals(bigRoot.id))
			.findFirst()
			.orElseThrow();
		Node smallRoot = this.nodes.get(BIG_TREE);
		String word = bigRoot.name.split(" ")[0];
		line("");
		line("Subtree search, page size 20 (200 runs each, content and count), ms:");
		search("big tree root, no query, first page", () -> hierarchy.searchBelow(bigRoot.id, null, 0, 20));
		search("big tree root, no query, page 100", () -> hierarchy.searchBelow(bigRoot.id, null, 100, 20));
		search("big tree root, name prefix '" + word.toLowerCase(Locale.ROOT) + "'",
				() -> hierarchy.searchBelow(bigRoot.id, word.toLowerCase(Locale.ROOT), 0, 20));
		search("big tree root, name prefix '" + word + " " + WORDS[1] + "'",
				() -> hierarchy.searchBelow(bigRoot.id, word + " " + WORDS[1], 0, 20));
		search("big tree root, number prefix 'a-1234'", () -> hierarchy.searchBelow(bigRoot.id, "a-1234", 0, 20));
		search("level-3 account, no query", () -> hierarchy.searchBelow(middle.id, null, 0, 20));
		search("small tree root, name prefix 'm'", () -> hierarchy.searchBelow(smallRoot.id, "m", 0, 20));
	}

	private void explain(JdbcClient jdbc) {
		Node bigRoot = this.nodes.get(0);
		Node middle = this.nodes.stream()
			.filter((n) -> n.path.size() == 3 && n.path.get(0).equals(bigRoot.id))
			.findFirst()
			.orElseThrow();
		for (UUID root : List.of(bigRoot.id, middle.id)) {
			for (String prefix : new String[] { null, "kestrel", "a-1234" }) {
				line("EXPLAIN root %s prefix %s", root, prefix);
				HierarchyRepository.Search search = HierarchyRepository.Search.of(prefix);
				search
					.bind(jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + HierarchyRepository.searchSql(search))
						.param("root", root)
						.param("limit", 20)
						.param("offset", 0L))
					.query(String.class)
					.list()
					.forEach((l) -> line("%s", l));
			}
		}
		System.out.println(this.report);
	}

	private void search(String label, Supplier<ResultPage<HierarchyRepository.Child>> search) {
		long total = search.get().page().totalElements();
		for (int i = 0; i < 20; i++) {
			search.get();
		}
		long[] times = new long[200];
		for (int i = 0; i < times.length; i++) {
			long start = System.nanoTime();
			search.get();
			times[i] = System.nanoTime() - start;
		}
		line("  %-60s %,7d found  %s", label, total, percentiles(times));
	}

	private static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "p50 %6.3f  p90 %6.3f  p99 %6.3f  max %7.3f", at(sorted, 0.50),
				at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
	}

	private static double at(long[] sorted, double quantile) {
		return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
	}

	private static String size(JdbcClient jdbc, String relation) {
		return jdbc.sql("SELECT pg_size_pretty(pg_total_relation_size(CAST(:r AS regclass)))")
			.param("r", relation)
			.query(String.class)
			.single();
	}

	private static String serviceProperty(String name) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		return Objects.requireNonNull(yaml.getObject()).getProperty(name);
	}

	private static PortalPrincipal customerOf(UUID accountId) {
		return new PortalPrincipal("bench", "bench", accountId, Set.of(PortalPrincipal.CUSTOMER));
	}

	private void line(String format, Object... args) {
		this.report.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	private static final class Node {

		final UUID id;

		final String name;

		final List<UUID> path;

		Node(UUID id, String name, Node parent) {
			this.id = id;
			this.name = name;
			List<UUID> path = new ArrayList<>((parent != null) ? parent.path : List.of());
			path.add(id);
			this.path = List.copyOf(path);
		}

	}

	private record Pair(UUID ancestor, UUID account, boolean inside) {
	}

}

package dev.portico.account.hierarchy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.portico.platform.web.ResultPage;
import dev.portico.account.account.AccountRepository;
import dev.portico.account.account.Features;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Questions about the hierarchy, answered from each account's materialised path (root
 * first, itself last): one primary-key lookup for membership and lineage, the path's GIN
 * index or the name index for "everything below", whichever the planner finds cheaper for
 * the subtree at hand. See HIERARCHY.md.
 */
@Repository
public class HierarchyRepository {

	/**
	 * hasChildren from the kept count: no probe per row, and no plan that hashes every
	 * parent id instead.
	 */
	private static final String CHILD_COLUMNS = """
			SELECT a.id, a.account_number, a.name, a.invoiced_by_parent, a.descendants > 0 AS has_children
			FROM account a""";

	private static final String BELOW = " WHERE a.path @> ARRAY[:root]::uuid[] AND a.id <> :root";

	private static final String ORDER = " ORDER BY lower(a.name) COLLATE \"C\", a.account_number"
			+ " LIMIT :limit OFFSET :offset";

	private final JdbcClient jdbc;

	HierarchyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * True if {@code accountId} is {@code ancestorId} itself or lies anywhere below it.
	 */
	public boolean isSelfOrBelow(UUID ancestorId, UUID accountId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE id = :id AND :ancestor = ANY (path))")
			.param("id", accountId)
			.param("ancestor", ancestorId)
			.query(Boolean.class)
			.single();
	}

	public boolean exists(UUID accountId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE id = :id)")
			.param("id", accountId)
			.query(Boolean.class)
			.single();
	}

	public boolean hasChildren(UUID accountId) {
		return this.jdbc.sql("SELECT descendants > 0 FROM account WHERE id = :id")
			.param("id", accountId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	Optional<Lineage> lineage(UUID accountId) {
		return this.jdbc.sql("SELECT path, payments_enabled, payment_methods_enabled FROM account WHERE id = :id")
			.param("id", accountId)
			.query((rs, row) -> {
				List<UUID> path = AccountRepository.uuids(rs.getArray("path"));
				return new Lineage(accountId, path.subList(0, path.size() - 1),
						new Features(rs.getBoolean("payments_enabled"), rs.getBoolean("payment_methods_enabled")));
			})
			.optional();
	}

	/**
	 * One page of the accounts anywhere below {@code rootId} (not {@code rootId} itself),
	 * optionally only those whose name starts with {@code query}, or whose number does
	 * when the query has digits ({@code A-1001}, {@code 1001}), ignoring case; ordered by
	 * name, then number.
	 */
	ResultPage<Child> searchBelow(UUID rootId, String query, int page, int size) {
		Search search = Search.of(query);
		JdbcClient.StatementSpec select = this.jdbc.sql(searchSql(search))
			.param("root", rootId)
			.param("limit", size)
			.param("offset", (long) page * size);
		// Unfiltered, the count is kept on the account itself, so a page of a big subtree
		// never counts it row by row.
		JdbcClient.StatementSpec count = (search == Search.ALL)
				? this.jdbc.sql("SELECT descendants FROM account WHERE id = :root").param("root", rootId)
				: this.jdbc.sql("SELECT count(*) FROM account a" + BELOW + search.condition()).param("root", rootId);
		select = search.bind(select);
		count = search.bind(count);
		List<Child> content = select
			.query((rs, row) -> new Child(rs.getObject("id", UUID.class), rs.getString("account_number"),
					rs.getString("name"), rs.getBoolean("invoiced_by_parent"), rs.getBoolean("has_children")))
			.list();
		long total = (content.isEmpty() && page == 0) ? 0 : count.query(Long.class).optional().orElse(0L);
		return ResultPage.of(content, page, size, total);
	}

	static String searchSql(Search search) {
		return CHILD_COLUMNS + BELOW + search.condition() + ORDER;
	}

	/**
	 * What a query matches. A number is searched only when the query has a digit: every
	 * number starts with {@code A-}, so the first letter typed would otherwise match the
	 * whole subtree.
	 */
	record Search(String namePrefix, String numberPrefix) {

		static final Search ALL = new Search(null, null);

		private static final Pattern NUMBER = Pattern.compile("(a-)?\\d+");

		static Search of(String query) {
			if (query == null || query.isBlank()) {
				return ALL;
			}
			String typed = query.strip().toLowerCase(Locale.ROOT);
			String number = NUMBER.matcher(typed).matches() ? likePrefix(typed.startsWith("a-") ? typed : "a-" + typed)
					: null;
			return new Search(likePrefix(typed), number);
		}

		// Written exactly as the expressions of the prefix indexes, so that the planner
		// can use them: the name prefix becomes a range of the name index, which also
		// gives the page its order.
		String condition() {
			if (this.namePrefix == null) {
				return "";
			}
			if (this.numberPrefix == null) {
				return " AND lower(a.name) COLLATE \"C\" LIKE :name";
			}
			return " AND a.id IN (SELECT n.id FROM account n WHERE lower(n.name) COLLATE \"C\" LIKE :name"
					+ " UNION ALL SELECT n.id FROM account n WHERE lower(n.account_number) LIKE :number)";
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
			JdbcClient.StatementSpec bound = (this.namePrefix != null) ? statement.param("name", this.namePrefix)
					: statement;
			return (this.numberPrefix != null) ? bound.param("number", this.numberPrefix) : bound;
		}

	}

	/** The typed text as a LIKE prefix: its own wildcards and escapes taken literally. */
	static String likePrefix(String typed) {
		return typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/** An account in a search result. */
	record Child(UUID accountId, String accountNumber, String name, boolean invoicedByParent, boolean hasChildren) {
	}

}

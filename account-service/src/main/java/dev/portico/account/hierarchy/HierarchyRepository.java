package dev.portico.account.hierarchy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.account.account.AccountRepository;
import dev.portico.account.account.Features;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Questions about the hierarchy, answered from each account's materialised path (root first, itself last): one
 * primary-key lookup for membership and lineage, the path's GIN index for "everything below". See HIERARCHY.md.
 */
@Repository
public class HierarchyRepository {

	/** The columns a search result needs; hasChildren uses the parent index, one probe per row of the page. */
	private static final String CHILD_COLUMNS = """
			SELECT a.id, a.account_number, a.name, a.invoiced_by_parent,
			  EXISTS (SELECT 1 FROM account c WHERE c.parent_id = a.id) AS has_children
			FROM account a""";

	private static final String BELOW = " WHERE a.path @> ARRAY[:root]::uuid[] AND a.id <> :root";

	// Both prefixes match the lower(...) text_pattern_ops indexes; the order is that of the name index.
	private static final String MATCHING = " AND (lower(a.name) LIKE :prefix OR lower(a.account_number) LIKE :prefix)";

	private static final String ORDER = " ORDER BY lower(a.name), a.account_number LIMIT :limit OFFSET :offset";

	private final JdbcClient jdbc;

	HierarchyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** True if {@code accountId} is {@code ancestorId} itself or lies anywhere below it. */
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
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE parent_id = :id)")
			.param("id", accountId)
			.query(Boolean.class)
			.single();
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
	 * One page of the accounts anywhere below {@code rootId} (not {@code rootId} itself), optionally only those whose
	 * name or number starts with {@code prefix}, ignoring case; ordered by name, then number.
	 */
	AccountPage<Child> searchBelow(UUID rootId, String prefix, int page, int size) {
		boolean filtered = prefix != null && !prefix.isBlank();
		String where = BELOW + (filtered ? MATCHING : "");
		String pattern = filtered ? likePrefix(prefix) : null;
		JdbcClient.StatementSpec select = this.jdbc.sql(CHILD_COLUMNS + where + ORDER)
			.param("root", rootId)
			.param("limit", size)
			.param("offset", (long) page * size);
		JdbcClient.StatementSpec count = this.jdbc.sql("SELECT count(*) FROM account a" + where).param("root", rootId);
		if (filtered) {
			select = select.param("prefix", pattern);
			count = count.param("prefix", pattern);
		}
		List<Child> content = select
			.query((rs, row) -> new Child(rs.getObject("id", UUID.class), rs.getString("account_number"),
					rs.getString("name"), rs.getBoolean("invoiced_by_parent"), rs.getBoolean("has_children")))
			.list();
		long total = (content.isEmpty() && page == 0) ? 0 : count.query(Long.class).single();
		return AccountPage.of(content, page, size, total);
	}

	/** The typed text as a LIKE prefix: its own wildcards and escapes taken literally, case folded like the index. */
	static String likePrefix(String prefix) {
		String escaped = prefix.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return escaped + "%";
	}

	/** An account in a search result. */
	record Child(UUID accountId, String accountNumber, String name, boolean invoicedByParent, boolean hasChildren) {
	}

}

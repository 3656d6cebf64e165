package dev.portico.usage.account;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps an account's opening and the storing of its records apart while usage-service
 * does not know the account yet. Records of an unknown account go to the daily totals
 * only (their periods need the bill day), and its opening adds the daily totals up into
 * periods. Without a lock, records stored while the opening runs would be in neither: the
 * opening would not see them (not committed yet) and they would not see the account. So a
 * batch holding records of unknown accounts takes their locks shared before it looks the
 * accounts up again, and an opening takes its account's lock exclusively: whichever comes
 * second sees what the first committed.
 * <p>
 * Transaction-scoped advisory locks, in a namespace of their own (the first of
 * PostgreSQL's two lock keys). Accounts share 256 locks, so a batch takes at most 256
 * however many accounts it holds; two accounts sharing one only means an opening may wait
 * for a batch of the other's records. Accounts usage-service knows take no lock at all.
 */
@Component
public class OpeningLocks {

	private static final int NAMESPACE = 0x75736167;

	private final JdbcClient jdbc;

	OpeningLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the shared locks of those of {@code accountIds} that usage-service has not
	 * heard of.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lockUnknown(Collection<UUID> accountIds) {
		this.jdbc.sql("""
				SELECT pg_advisory_xact_lock_shared(:namespace, bucket) FROM (
				  SELECT DISTINCT hashtext(CAST(a.id AS text)) & 255 AS bucket
				  FROM unnest(CAST(:ids AS uuid[])) AS a (id)
				  WHERE NOT EXISTS (SELECT 1 FROM usage_account u WHERE u.account_id = a.id)
				  ORDER BY bucket
				) AS unknown""")
			.param("namespace", NAMESPACE)
			.param("ids", accountIds.stream().map(UUID::toString).toArray(String[]::new))
			.query((rs) -> {
			});
	}

	/**
	 * Takes the account's lock exclusively, waiting for batches storing its records to
	 * commit.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void lockForOpening(UUID accountId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:namespace, hashtext(CAST(CAST(:id AS uuid) AS text)) & 255)")
			.param("namespace", NAMESPACE)
			.param("id", accountId.toString())
			.query((rs) -> {
			});
	}

}

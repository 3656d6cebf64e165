package dev.portico.account.hierarchy;

import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.portico.platform.web.ResultPage;
import dev.portico.account.hierarchy.HierarchyRepository.Child;
import dev.portico.account.testing.AccountRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Membership, lineage and subtree search on real PostgreSQL, with this hierarchy:
 *
 * <pre>
 * Northwind Holdings ── Northwind Retail ── Retail Berlin ── Berlin Mitte
 *                    │                  └─ Retail Hamburg
 *                    └─ Northwind Logistics
 * Bluebird Cafe (unrelated)
 * </pre>
 */
class HierarchyRepositoryTest {

	private static HikariDataSource dataSource;

	private static HierarchyRepository hierarchy;

	private static AccountRows rows;

	private static UUID holdings;

	private static UUID retail;

	private static UUID berlin;

	private static UUID mitte;

	private static UUID hamburg;

	private static UUID logistics;

	private static UUID bluebird;

	@BeforeAll
	static void hierarchy() {
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(AccountRows.migratedDatabase());
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		hierarchy = new HierarchyRepository(JdbcClient.create(dataSource));
		rows = new AccountRows(dataSource);
		holdings = rows.insert("Northwind Holdings", null);
		retail = rows.insert("Northwind Retail", holdings);
		berlin = rows.insert("Retail Berlin", retail);
		mitte = rows.insert("Berlin Mitte", berlin);
		hamburg = rows.insert("Retail Hamburg", retail);
		logistics = rows.insert("Northwind Logistics", holdings);
		bluebird = rows.insert("Bluebird Cafe", null);
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@Test
	void anAccountIsInItsOwnSubtreeAndInEveryAncestors() {
		assertThat(hierarchy.isSelfOrBelow(retail, retail)).isTrue();
		assertThat(hierarchy.isSelfOrBelow(retail, berlin)).isTrue();
		assertThat(hierarchy.isSelfOrBelow(retail, mitte)).isTrue();
		assertThat(hierarchy.isSelfOrBelow(holdings, mitte)).isTrue();
	}

	@Test
	void parentsSiblingsUnrelatedAndUnknownAccountsAreOutsideTheSubtree() {
		assertThat(hierarchy.isSelfOrBelow(retail, holdings)).isFalse();
		assertThat(hierarchy.isSelfOrBelow(retail, logistics)).isFalse();
		assertThat(hierarchy.isSelfOrBelow(berlin, hamburg)).isFalse();
		assertThat(hierarchy.isSelfOrBelow(retail, bluebird)).isFalse();
		assertThat(hierarchy.isSelfOrBelow(retail, UUID.randomUUID())).isFalse();
		assertThat(hierarchy.isSelfOrBelow(UUID.randomUUID(), retail)).isFalse();
	}

	@Test
	void lineageListsAncestorsRootFirstAndParentLast() {
		assertThat(hierarchy.lineage(mitte).orElseThrow().ancestorIds()).containsExactly(holdings, retail, berlin);
		assertThat(hierarchy.lineage(holdings).orElseThrow().ancestorIds()).isEmpty();
		assertThat(hierarchy.lineage(UUID.randomUUID())).isEmpty();
	}

	@Test
	void searchWithoutQueryFindsTheWholeSubtreeButNotTheAccountItselfOrderedByName() {
		ResultPage<Child> page = hierarchy.searchBelow(holdings, null, 0, 20);

		assertThat(page.content()).extracting(Child::name)
			.containsExactly("Berlin Mitte", "Northwind Logistics", "Northwind Retail", "Retail Berlin",
					"Retail Hamburg");
		assertThat(page.page()).isEqualTo(new ResultPage.PageInfo(0, 20, 5, 1));
	}

	@Test
	void searchMatchesANamePrefixIgnoringCaseAndNothingInTheMiddleOfAName() {
		assertThat(hierarchy.searchBelow(holdings, "rEtAiL", 0, 20).content()).extracting(Child::name)
			.containsExactly("Retail Berlin", "Retail Hamburg");
		assertThat(hierarchy.searchBelow(holdings, "berlin", 0, 20).content()).extracting(Child::name)
			.containsExactly("Berlin Mitte");
	}

	@Test
	void searchMatchesAnAccountNumberPrefixIgnoringCase() {
		String number = rows.accountNumber(mitte);

		assertThat(hierarchy.searchBelow(holdings, number.toLowerCase(), 0, 20).content()).extracting(Child::accountId)
			.containsExactly(mitte);
	}

	@Test
	void searchStaysInsideTheSubtree() {
		assertThat(hierarchy.searchBelow(retail, "northwind", 0, 20).content()).isEmpty();
		assertThat(hierarchy.searchBelow(retail, "bluebird", 0, 20).page().totalElements()).isZero();
	}

	@Test
	void likeWildcardsInTheQueryAreTakenLiterally() {
		assertThat(hierarchy.searchBelow(holdings, "%", 0, 20).content()).isEmpty();
		assertThat(hierarchy.searchBelow(holdings, "_etail", 0, 20).content()).isEmpty();
	}

	@Test
	void searchResultsSayWhichAccountsHaveChildren() {
		List<Child> children = hierarchy.searchBelow(holdings, "retail", 0, 20).content();

		assertThat(children).extracting(Child::hasChildren).containsExactly(true, false);
	}

	@Test
	void pagesSplitTheSubtreeAndCountItWhole() {
		ResultPage<Child> first = hierarchy.searchBelow(holdings, null, 0, 2);
		ResultPage<Child> last = hierarchy.searchBelow(holdings, null, 2, 2);
		ResultPage<Child> beyond = hierarchy.searchBelow(holdings, null, 5, 2);

		assertThat(first.content()).extracting(Child::name).containsExactly("Berlin Mitte", "Northwind Logistics");
		assertThat(first.page()).isEqualTo(new ResultPage.PageInfo(0, 2, 5, 3));
		assertThat(last.content()).extracting(Child::name).containsExactly("Retail Hamburg");
		assertThat(beyond.content()).isEmpty();
		assertThat(beyond.page().totalElements()).isEqualTo(5);
	}

	@Test
	void hasChildrenAndExists() {
		assertThat(hierarchy.hasChildren(berlin)).isTrue();
		assertThat(hierarchy.hasChildren(mitte)).isFalse();
		assertThat(hierarchy.exists(bluebird)).isTrue();
		assertThat(hierarchy.exists(UUID.randomUUID())).isFalse();
	}

}

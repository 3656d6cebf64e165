package dev.portico.platform.web;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

	@Test
	void aSaneIdFromTheCallerIsKept() {
		assertThat(RequestIds.acceptOrGenerate("web-1f3a:42.7_x")).isEqualTo("web-1f3a:42.7_x");
	}

	@Test
	void aMissingOrHostileIdIsReplacedByAFreshRandomUuid() {
		Set<String> ids = new HashSet<>();
		for (String incoming : new String[] { null, "", "a b", "line\nbreak", "x".repeat(129), "ünïcode" }) {
			String id = RequestIds.acceptOrGenerate(incoming);
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			ids.add(id);
		}
		assertThat(ids).hasSize(6);
	}

}

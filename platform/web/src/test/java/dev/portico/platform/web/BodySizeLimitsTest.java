package dev.portico.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class BodySizeLimitsTest {

	@Test
	void aPathOfItsOwnHasItsLimitAndEveryOtherTheDefault() {
		Map<String, DataSize> byPath = new LinkedHashMap<>();
		byPath.put("/api/usage/records", DataSize.ofMegabytes(8));
		byPath.put("/api/imports/**", DataSize.ofMegabytes(2));
		BodySizeLimits limits = new BodySizeLimits(DataSize.ofMegabytes(1), byPath);

		assertThat(limits.forPath("/api/usage/records")).isEqualTo(8L * 1024 * 1024);
		assertThat(limits.forPath("/api/imports/a/b")).isEqualTo(2L * 1024 * 1024);
		assertThat(limits.forPath("/api/usage/records/x")).isEqualTo(1024 * 1024);
		assertThat(limits.forPath("/api/accounts/1/payments")).isEqualTo(1024 * 1024);
	}

	@Test
	void withoutPathsEveryPathHasTheDefault() {
		assertThat(BodySizeLimits.of(new WebProperties(DataSize.ofKilobytes(64), null)).forPath("/api/usage/records"))
			.isEqualTo(64 * 1024);
	}

}

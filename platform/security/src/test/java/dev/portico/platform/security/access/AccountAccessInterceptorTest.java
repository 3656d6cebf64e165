package dev.portico.platform.security.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.portico.platform.security.PortalAuthentication;
import dev.portico.platform.security.PortalPrincipal;
import dev.portico.platform.web.servlet.ProblemExceptionHandler;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Root R with children A and B; A has child A1. */
class AccountAccessInterceptorTest {

	static final UUID ROOT = UUID.randomUUID();

	static final UUID A = UUID.randomUUID();

	static final UUID A1 = UUID.randomUUID();

	static final UUID B = UUID.randomUUID();

	static final Map<UUID, AccountLineage> HIERARCHY = Map.of(ROOT, lineage(ROOT), A, lineage(A, ROOT), A1,
			lineage(A1, ROOT, A), B, lineage(B, ROOT));

	final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
		.addInterceptors(
				new AccountAccessInterceptor(new LineageAccountAccess((id) -> Optional.ofNullable(HIERARCHY.get(id)))))
		.setControllerAdvice(new ProblemExceptionHandler())
		.build();

	@AfterEach
	void clearCaller() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void customerReachesOwnAccountAndEveryDescendant() throws Exception {
		callAs(customer(A));
		this.mvc.perform(get("/api/accounts/{id}/things", A)).andExpect(status().isOk());
		this.mvc.perform(get("/api/accounts/{id}/things", A1)).andExpect(status().isOk());
		this.mvc.perform(get("/api/accounts/{id}", A1)).andExpect(status().isOk());
	}

	@Test
	void parentSiblingUnknownAndMalformedIdsLookTheSame() throws Exception {
		callAs(customer(A));
		for (Object id : List.of(ROOT, B, UUID.randomUUID(), "not-a-uuid", A.toString().toUpperCase() + "0")) {
			this.mvc.perform(get("/api/accounts/{id}/things", id))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.type").value("https://portico.dev/problems/account-not-found"));
		}
	}

	@Test
	void opsReachEveryExistingAccountButNoUnknownOne() throws Exception {
		callAs(new PortalPrincipal("s", "ops", null, Set.of(PortalPrincipal.OPS)));
		this.mvc.perform(get("/api/accounts/{id}/things", B)).andExpect(status().isOk());
		this.mvc.perform(get("/api/accounts/{id}/things", UUID.randomUUID())).andExpect(status().isNotFound());
	}

	@Test
	void customerWithoutAccountReachesNothing() throws Exception {
		callAs(new PortalPrincipal("s", "nobody", null, Set.of(PortalPrincipal.CUSTOMER)));
		this.mvc.perform(get("/api/accounts/{id}/things", ROOT)).andExpect(status().isNotFound());
	}

	@Test
	void accessIsDecidedBeforeTheBodyIsRead() throws Exception {
		callAs(customer(A));
		this.mvc.perform(post("/api/accounts/{id}/things", B).contentType(MediaType.APPLICATION_JSON).content("{oops"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/accounts/{id}/things", A1).contentType(MediaType.APPLICATION_JSON).content("{oops"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void routesOutsideTheAccountScopeAreLeftAlone() throws Exception {
		callAs(customer(A));
		this.mvc.perform(get("/api/accounts")).andExpect(status().isOk());
	}

	static PortalPrincipal customer(UUID accountId) {
		return new PortalPrincipal("s", "user", accountId, Set.of(PortalPrincipal.CUSTOMER));
	}

	static void callAs(PortalPrincipal principal) {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject("s").issuedAt(Instant.now()).build();
		SecurityContextHolder.getContext().setAuthentication(new PortalAuthentication(jwt, principal, List.of()));
	}

	static AccountLineage lineage(UUID id, UUID... ancestors) {
		return new AccountLineage(id, List.of(ancestors), AccountLineage.Features.NONE);
	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/accounts")
		String list() {
			return "[]";
		}

		@GetMapping("/api/accounts/{accountId}")
		String one(@PathVariable String accountId) {
			return accountId;
		}

		@GetMapping("/api/accounts/{accountId}/things")
		String things(@PathVariable String accountId) {
			return accountId;
		}

		@PostMapping("/api/accounts/{accountId}/things")
		String add(@PathVariable String accountId, @RequestBody Map<String, Object> body) {
			return accountId;
		}

	}

}

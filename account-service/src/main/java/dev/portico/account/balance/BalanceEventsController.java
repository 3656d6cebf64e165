package dev.portico.account.balance;

import java.util.UUID;

import dev.portico.platform.security.PortalAuthentication;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An account's live balance (Server-Sent Events); access to the account is checked by the
 * platform first.
 */
@RestController
class BalanceEventsController {

	private final BalanceService balances;

	private final BalanceStreams streams;

	BalanceEventsController(BalanceService balances, BalanceStreams streams) {
		this.balances = balances;
		this.streams = streams;
	}

	@Operation(summary = "Stream of an account's balance: the current one on connect, then every change")
	@GetMapping(path = "/api/accounts/{accountId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> events(@PathVariable UUID accountId, PortalAuthentication caller) {
		Jwt token = caller.getToken();
		SseEmitter stream = this.streams.open(accountId, caller.getPrincipal().subject(), token.getExpiresAt(),
				BalanceStreams.StreamSession.of(token.getClaimAsString("sid"), token.getTokenValue(),
						token.getAudience()),
				BalanceEvent.of(this.balances.balanceOf(accountId), BalanceEvent.SNAPSHOT));
		// Proxies must pass each event on at once rather than cache or buffer the stream.
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("X-Accel-Buffering", "no").body(stream);
	}

}

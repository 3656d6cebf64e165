package dev.portico.usage.usage;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's usage by billing period. Access to the account is checked by the platform
 * before these handlers run; an account usage-service has not heard of yet answers
 * {@code 404 usage-account-unknown}.
 */
@RestController
class UsageController {

	private static final String PERIOD = "The period's name, the month it starts in (yyyy-MM); the current period when "
			+ "left out. Not a month: 400. A period that has not started: 400. One before any usage: empty.";

	private final UsagePages pages;

	UsageController(UsagePages pages) {
		this.pages = pages;
	}

	@Operation(summary = "An account's billing periods, newest first",
			description = "The current period and the past ones, back to the first with usage and at least 12. Periods "
					+ "start on the account's bill day (clamped to the month's last day) at midnight in the provider's "
					+ "time zone; end is the period's last day, inclusive.")
	@GetMapping("/api/accounts/{accountId}/usage/periods")
	List<PeriodView> periods(@PathVariable UUID accountId) {
		return this.pages.periods(accountId);
	}

	@Operation(summary = "An account's usage in a billing period",
			description = "A row per product, usage identifier and unit with the total used (a decimal string), "
					+ "ordered "
					+ "by product, then identifier, then unit (by code point). end is the period's last day, "
					+ "inclusive.")
	@GetMapping("/api/accounts/{accountId}/usage")
	UsagePage usage(@PathVariable UUID accountId,
			@Parameter(description = PERIOD, example = "2026-11") @RequestParam(required = false) String period) {
		return this.pages.usage(accountId, period);
	}

	@Operation(summary = "An account's usage in a billing period, as CSV",
			description = "The rows of the usage page as RFC 4180 CSV (UTF-8, header row product,usageIdentifier,"
					+ "totalUsed,unit, CRLF), as an attachment named usage-<account number>-<period>.csv.")
	@ApiResponse(responseCode = "200", description = "the CSV file",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	@GetMapping("/api/accounts/{accountId}/usage.csv")
	ResponseEntity<String> csv(@PathVariable UUID accountId,
			@Parameter(description = PERIOD, example = "2026-11") @RequestParam(required = false) String period) {
		UsageCsv.File file = this.pages.csv(accountId, period);
		// The content type is set here rather than declared with produces: a problem
		// (400, 404) must still be JSON.
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(UsageCsv.CONTENT_TYPE))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name()).build().toString())
			.body(file.content());
	}

	@Operation(summary = "Daily totals of a billing period, per product",
			description = "For a trend chart: per day and product (all identifiers together) and unit, by day. Days "
					+ "without usage are left out.")
	@GetMapping("/api/accounts/{accountId}/usage/daily")
	DailyUsage daily(@PathVariable UUID accountId,
			@Parameter(description = PERIOD, example = "2026-11") @RequestParam(required = false) String period) {
		return this.pages.daily(accountId, period);
	}

}

package dev.portico.web.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The Usage area of docs/api.md. A {@code null} period is the current one. */
@HttpExchange("/api/accounts/{accountId}")
public interface UsageApi {

	@GetExchange("/usage/periods")
	List<Period> periods(@PathVariable UUID accountId);

	@GetExchange("/usage")
	UsagePage usage(@PathVariable UUID accountId, @RequestParam(required = false) String period);

	@GetExchange("/usage/daily")
	DailyUsage daily(@PathVariable UUID accountId, @RequestParam(required = false) String period);

	@GetExchange(url = "/usage.csv", accept = "text/csv")
	ResponseEntity<byte[]> csv(@PathVariable UUID accountId, @RequestParam(required = false) String period);

	/** Serializable, as the Usage page remembers the list in the session. */
	record Period(String period, LocalDate start, LocalDate end, boolean current) implements java.io.Serializable {
	}

	record UsagePage(String period, LocalDate start, LocalDate end, List<Item> items) {
	}

	record Item(String product, String usageIdentifier, BigDecimal totalUsed, String unit) {
	}

	record DailyUsage(String period, LocalDate start, LocalDate end, List<Day> days) {
	}

	record Day(LocalDate date, String product, String unit, BigDecimal totalUsed) {
	}

}

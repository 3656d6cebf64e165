package dev.portico.web.payments;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.portico.web.api.AccountsApi;
import dev.portico.web.api.ApiCalls;
import dev.portico.web.api.ApiProblem;
import dev.portico.web.api.InvoicesApi;
import dev.portico.web.api.PaymentsApi;
import dev.portico.web.session.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Make Payment in three steps: the form (amount prefilled with the chosen invoice's
 * balance or the amount due, a saved card or a new one), a confirmation of what will be
 * paid, and the outcome. A new card is handed to the API at the confirmation step
 * (tokenised there) so its number never comes back to the browser. The payment carries
 * the form's idempotency key: a second submission replays the first payment's answer
 * instead of paying again.
 */
@Controller
class PaymentsController {

	/** Failure codes the message bundle explains; any other shows a general message. */
	private static final Set<String> KNOWN_FAILURES = Set.of("card_declined", "insufficient_funds",
			"authentication_failed", "authentication_not_completed");

	private final AccountsApi accounts;

	private final CardSetups setups;

	private final InvoicesApi invoices;

	private final PaymentsApi payments;

	private final JsonMapper json;

	private final ApiCalls calls;

	PaymentsController(AccountsApi accounts, InvoicesApi invoices, PaymentsApi payments, JsonMapper json,
			ApiCalls calls, CardSetups setups) {
		this.setups = setups;
		this.accounts = accounts;
		this.invoices = invoices;
		this.payments = payments;
		this.json = json;
		this.calls = calls;
	}

	/**
	 * What the payment form shows: the account, the chosen invoice if any, the saved
	 * methods.
	 */
	private record PaymentContext(AccountsApi.Overview overview, Supplier<InvoicesApi.Invoice> invoice,
			Supplier<List<PaymentsApi.PaymentMethod>> methods) {
	}

	/**
	 * Asks for all three at once; the invoice and the methods are only awaited when the
	 * account may pay (otherwise their answers, a {@code 403} for the methods, are
	 * dropped).
	 */
	private PaymentContext context(Viewer viewer, UUID invoiceId) {
		Supplier<InvoicesApi.Invoice> invoice = (invoiceId != null)
				? this.calls.fork(() -> this.invoices.invoice(viewer.accountId(), invoiceId)) : () -> null;
		Supplier<List<PaymentsApi.PaymentMethod>> methods = this.calls
			.fork(() -> this.payments.methods(viewer.accountId()));
		return new PaymentContext(this.accounts.overview(viewer.accountId()), invoice, methods);
	}

	@GetMapping("/payments/new")
	String form(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) UUID invoiceId, Model model,
			HttpServletResponse response) {
		PaymentContext context = context(viewer, invoiceId);
		AccountsApi.Overview overview = context.overview();
		if (!overview.features().payments()) {
			return paymentsOff(model, response);
		}
		InvoicesApi.Invoice invoice = context.invoice().get();
		BigDecimal amount = (invoice != null) ? invoice.balance()
				: (overview.due().signum() > 0) ? overview.due() : overview.balance().max(BigDecimal.ZERO);
		List<PaymentsApi.PaymentMethod> methods = context.methods().get();
		String method = methods.stream()
			.filter(PaymentsApi.PaymentMethod::isDefault)
			.findFirst()
			.or(() -> methods.stream().findFirst())
			.map((m) -> m.paymentMethodId().toString())
			.orElse("new");
		return form(model, overview, invoice, methods, PaymentForm.start(amount, invoiceId, method), Map.of(), null);
	}

	@PostMapping("/payments/review")
	String review(@ModelAttribute("viewer") Viewer viewer, @ModelAttribute PaymentForm form, Model model,
			HttpServletResponse response) {
		PaymentContext context = context(viewer, form.invoiceId());
		AccountsApi.Overview overview = context.overview();
		if (!overview.features().payments()) {
			return paymentsOff(model, response);
		}
		InvoicesApi.Invoice invoice = context.invoice().get();
		List<PaymentsApi.PaymentMethod> methods = context.methods().get();
		Map<String, String> errors = new LinkedHashMap<>();
		BigDecimal amount = amount(form.amount(), errors);
		if (form.method() == null) {
			errors.put("method", "payment.error.method");
		}
		if (!errors.isEmpty()) {
			response.setStatus(422);
			return form(model, overview, invoice, methods, form.withoutCard(), errors, null);
		}
		PaymentsApi.PaymentMethod method;
		if (form.newCard()) {
			try {
				method = this.payments.addMethod(viewer.accountId(),
						new PaymentsApi.NewCard(form.processorToken(), false));
			}
			catch (HttpClientErrorException ex) {
				ApiProblem problem = ApiProblem.of(ex, this.json);
				response.setStatus(ex.getStatusCode().value());
				return form(model, overview, invoice, methods, form.withoutCard(), Map.of(), problem);
			}
		}
		else {
			method = methods.stream()
				.filter((m) -> m.paymentMethodId().toString().equals(form.method()))
				.findFirst()
				.orElse(null);
			if (method == null) {
				response.setStatus(422);
				return form(model, overview, invoice, methods, form.withoutCard(),
						Map.of("method", "payment.error.method"), null);
			}
		}
		model.addAttribute("page", "payments");
		model.addAttribute("overview", overview);
		model.addAttribute("invoice", invoice);
		model.addAttribute("amount", amount);
		// Sent back with Pay and read as any typed amount, so written in the reader's way
		// too.
		model.addAttribute("amountInput", AmountInput.show(amount, LocaleContextHolder.getLocale()));
		model.addAttribute("method", method);
		model.addAttribute("form", form.withMethod(method.paymentMethodId()));
		return "payment-confirm";
	}

	@PostMapping("/payments")
	String pay(@ModelAttribute("viewer") Viewer viewer, @ModelAttribute PaymentForm form, Model model,
			HttpServletResponse response) {
		AccountsApi.Overview overview = this.accounts.overview(viewer.accountId());
		Map<String, String> errors = new LinkedHashMap<>();
		BigDecimal amount = amount(form.amount(), errors);
		if (!errors.isEmpty() || form.method() == null || form.idempotencyKey() == null) {
			return "redirect:/payments/new";
		}
		try {
			ResponseEntity<PaymentsApi.Payment> paid = this.payments.pay(viewer.accountId(), form.idempotencyKey(),
					new PaymentsApi.PaymentRequest(amount, overview.currency(), UUID.fromString(form.method()),
							form.invoiceId()));
			return "redirect:/payments/" + paid.getBody().paymentId();
		}
		catch (HttpClientErrorException ex) {
			ApiProblem problem = ApiProblem.of(ex, this.json);
			String paymentId = problem.property("paymentId");
			if (ex.getStatusCode().value() == 402 && paymentId != null) {
				// Declined: the payment exists as FAILED; its page says why and that
				// nothing was charged.
				return "redirect:/payments/" + paymentId;
			}
			if (ex.getStatusCode().value() == 409) {
				// The same form is being paid right now (a double click): its outcome is
				// on the way.
				model.addAttribute("page", "payments");
				response.setStatus(409);
				model.addAttribute("messageKey", "payment.inFlight");
				return "error";
			}
			InvoicesApi.Invoice invoice = (form.invoiceId() != null)
					? this.invoices.invoice(viewer.accountId(), form.invoiceId()) : null;
			response.setStatus(ex.getStatusCode().value());
			return form(model, overview, invoice, this.payments.methods(viewer.accountId()),
					PaymentForm.start(amount, form.invoiceId(), form.method()), Map.of(), problem);
		}
	}

	@GetMapping("/payments/{paymentId}")
	String outcome(@ModelAttribute("viewer") Viewer viewer, @PathVariable UUID paymentId, Model model) {
		model.addAttribute("page", "payments");
		PaymentsApi.Payment payment = this.payments.payment(viewer.accountId(), paymentId);
		model.addAttribute("payment", payment);
		model.addAttribute("failureKey",
				(payment.failureCode() != null && KNOWN_FAILURES.contains(payment.failureCode()))
						? "payment.failure." + payment.failureCode() : "payment.failure.other");
		model.addAttribute("overview", this.accounts.overview(viewer.accountId()));
		return "payment-outcome";
	}

	/**
	 * Where the payment went, once invoice-service has applied it (a moment after it
	 * succeeded); the outcome page asks again every second until it is there.
	 */
	@GetMapping("/payments/{paymentId}/allocations")
	String allocations(@ModelAttribute("viewer") Viewer viewer, @PathVariable UUID paymentId, Model model) {
		model.addAttribute("payment", this.payments.payment(viewer.accountId(), paymentId));
		return "fragments/allocations";
	}

	private String form(Model model, AccountsApi.Overview overview, InvoicesApi.Invoice invoice,
			List<PaymentsApi.PaymentMethod> methods, PaymentForm form, Map<String, String> errors, ApiProblem problem) {
		model.addAttribute("page", "payments");
		model.addAttribute("overview", overview);
		model.addAttribute("invoice", invoice);
		model.addAttribute("methods", methods);
		model.addAttribute("cardSetup",
				overview.features().paymentMethods() ? this.setups.secretFor(overview.accountId()) : null);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("problem", problem);
		return "payment";
	}

	private static String paymentsOff(Model model, HttpServletResponse response) {
		response.setStatus(403);
		model.addAttribute("messageKey", "payment.off");
		return "error";
	}

	/**
	 * A positive amount with at most two decimals; the API checks it against the currency
	 * and the balance.
	 */
	private static BigDecimal amount(String text, Map<String, String> errors) {
		try {
			BigDecimal amount = AmountInput.parse(text, LocaleContextHolder.getLocale());
			if (amount.signum() <= 0) {
				errors.put("amount", "payment.error.amountPositive");
				return null;
			}
			return amount;
		}
		catch (NumberFormatException ex) {
			errors.put("amount", "payment.error.amountNumber");
			return null;
		}
	}

}

package dev.portico.web.payments;

import java.util.UUID;

import dev.portico.web.api.ApiProblem;
import dev.portico.web.api.PaymentsApi;
import dev.portico.web.session.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Saved cards, where the account's portal configuration allows them: list, add, make
 * default, remove.
 */
@Controller
class PaymentMethodsController {

	private final PaymentsApi payments;

	private final JsonMapper json;

	private final CardSetups setups;

	PaymentMethodsController(PaymentsApi payments, JsonMapper json, CardSetups setups) {
		this.payments = payments;
		this.json = json;
		this.setups = setups;
	}

	@GetMapping("/payment-methods")
	String list(@ModelAttribute("viewer") Viewer viewer, Model model, HttpServletResponse response) {
		if (!enabled(viewer)) {
			return off(model, response);
		}
		return page(viewer, model, null);
	}

	@PostMapping("/payment-methods")
	String add(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String processorToken,
			@RequestParam(defaultValue = "false") boolean makeDefault, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			this.payments.addMethod(viewer.accountId(), new PaymentsApi.NewCard(processorToken, makeDefault));
		}
		catch (HttpClientErrorException ex) {
			response.setStatus(ex.getStatusCode().value());
			return page(viewer, model, ApiProblem.of(ex, this.json));
		}
		redirect.addFlashAttribute("saved", "methods.added");
		return "redirect:/payment-methods";
	}

	@PostMapping("/payment-methods/{paymentMethodId}/default")
	String makeDefault(@ModelAttribute("viewer") Viewer viewer, @PathVariable UUID paymentMethodId,
			RedirectAttributes redirect) {
		this.payments.updateMethod(viewer.accountId(), paymentMethodId, new PaymentsApi.MethodChange(true));
		redirect.addFlashAttribute("saved", "methods.defaultChanged");
		return "redirect:/payment-methods";
	}

	@PostMapping("/payment-methods/{paymentMethodId}/remove")
	String remove(@ModelAttribute("viewer") Viewer viewer, @PathVariable UUID paymentMethodId,
			RedirectAttributes redirect) {
		this.payments.removeMethod(viewer.accountId(), paymentMethodId);
		redirect.addFlashAttribute("saved", "methods.removed");
		return "redirect:/payment-methods";
	}

	private String page(Viewer viewer, Model model, ApiProblem problem) {
		model.addAttribute("page", "payment-methods");
		model.addAttribute("methods", this.payments.methods(viewer.accountId()));
		model.addAttribute("cardSetup", this.setups.secretFor(viewer.accountId()));
		model.addAttribute("problem", problem);
		return "payment-methods";
	}

	private static boolean enabled(Viewer viewer) {
		return viewer.paymentMethods();
	}

	private static String off(Model model, HttpServletResponse response) {
		response.setStatus(403);
		model.addAttribute("messageKey", "methods.off");
		return "error";
	}

}

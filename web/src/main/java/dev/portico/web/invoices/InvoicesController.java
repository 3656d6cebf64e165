package dev.portico.web.invoices;

import dev.portico.web.api.InvoicesApi;
import dev.portico.web.session.Viewer;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The invoice list: open ones by default, sortable by each column, paged; the state lives
 * in the address.
 */
@Controller
class InvoicesController {

	private final InvoicesApi invoices;

	InvoicesController(InvoicesApi invoices) {
		this.invoices = invoices;
	}

	@GetMapping("/invoices")
	String list(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String status,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String page, Model model) {
		InvoiceListQuery query = InvoiceListQuery.of(status, sort, page);
		model.addAttribute("page", "invoices");
		model.addAttribute("query", query);
		model.addAttribute("statuses", InvoiceListQuery.STATUSES);
		model.addAttribute("columns", InvoiceListQuery.FIELDS);
		if (viewer.hasAccount()) {
			// From the session's label of the account: the API enforces the switch
			// whatever the page shows.
			model.addAttribute("canPay", viewer.account().payments());
			model.addAttribute("invoices", this.invoices.list(viewer.accountId(), query.status(), query.sort(),
					query.page(), InvoiceListQuery.PAGE_SIZE));
		}
		return "invoices";
	}

}

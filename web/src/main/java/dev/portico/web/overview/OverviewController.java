package dev.portico.web.overview;

import dev.portico.web.api.AccountsApi;
import dev.portico.web.session.Viewer;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The first page after login: balance, what is due, bill day and the latest invoice. */
@Controller
class OverviewController {

	private final AccountsApi accounts;

	OverviewController(AccountsApi accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String overview(@ModelAttribute("viewer") Viewer viewer, Model model) {
		model.addAttribute("page", "overview");
		if (viewer.hasAccount()) {
			model.addAttribute("overview", this.accounts.overview(viewer.accountId()));
		}
		return "overview";
	}

}

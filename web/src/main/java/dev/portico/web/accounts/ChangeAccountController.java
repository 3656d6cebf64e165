package dev.portico.web.accounts;

import java.util.UUID;

import dev.portico.web.api.AccountsApi;
import dev.portico.web.session.CurrentAccount;
import dev.portico.web.session.Viewer;
import dev.portico.web.support.FormNumbers;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Change Account: search the accounts below the login's own by name or number, and switch
 * every page to one of them (or back to one's own). The search always starts at the
 * login's own account, whichever is shown.
 */
@Controller
class ChangeAccountController {

	static final int PAGE_SIZE = 10;

	private final AccountsApi accounts;

	private final CurrentAccount current;

	ChangeAccountController(AccountsApi accounts, CurrentAccount current) {
		this.accounts = accounts;
		this.current = current;
	}

	@GetMapping("/accounts")
	String search(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String q,
			@RequestParam(required = false) String page, Model model) {
		model.addAttribute("page", "accounts");
		String query = (q != null) ? q.strip() : "";
		int number = FormNumbers.page(page);
		model.addAttribute("q", query);
		model.addAttribute("pageNumber", number);
		if (viewer.ownAccountId() != null) {
			model.addAttribute("own", this.accounts.overview(viewer.ownAccountId()));
			model.addAttribute("children",
					this.accounts.children(viewer.ownAccountId(), query.isEmpty() ? null : query, number, PAGE_SIZE));
		}
		return "accounts";
	}

	@PostMapping("/accounts/current")
	String switchTo(@RequestParam UUID accountId, HttpSession session) {
		this.current.switchTo(accountId, session);
		return "redirect:/";
	}

}

package dev.portico.web.session;

import java.util.UUID;

import dev.portico.web.api.AccountsApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the {@link Viewer} into every page's model. The account shown is the login's own
 * until the customer changes account; its label is asked of the API once and kept in the
 * session.
 */
@ControllerAdvice
public class CurrentAccount {

	static final String LABEL = CurrentAccount.class.getName() + ".label";

	static final String OWN_HAS_CHILDREN = CurrentAccount.class.getName() + ".ownHasChildren";

	private final AccountsApi accounts;

	CurrentAccount(AccountsApi accounts) {
		this.accounts = accounts;
	}

	/**
	 * Shows {@code accountId} from now on, if the API lets this user see it (their own
	 * account or one below it); otherwise the API's {@code 404} stands and nothing
	 * changes.
	 */
	public AccountLabel switchTo(UUID accountId, HttpSession session) {
		AccountsApi.Overview overview = this.accounts.overview(accountId);
		AccountLabel label = AccountLabel.of(overview);
		session.setAttribute(LABEL, label);
		return label;
	}

	/**
	 * Never creates a session: an error or async dispatch may come after the response was
	 * committed.
	 */
	@ModelAttribute("viewer")
	Viewer viewer(@AuthenticationPrincipal OidcUser user, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (user == null || session == null) {
			return null;
		}
		UUID own = ownAccount(user);
		AccountLabel label = (AccountLabel) session.getAttribute(LABEL);
		if (label == null && own != null) {
			AccountsApi.Overview overview = this.accounts.overview(own);
			label = AccountLabel.of(overview);
			session.setAttribute(LABEL, label);
			session.setAttribute(OWN_HAS_CHILDREN, overview.hasChildren());
		}
		return new Viewer(user.getPreferredUsername(), own, label,
				Boolean.TRUE.equals(session.getAttribute(OWN_HAS_CHILDREN)));
	}

	/** The realm maps the user's {@code account_id} attribute into the ID token. */
	private static UUID ownAccount(OidcUser user) {
		String claim = user.getClaimAsString("account_id");
		if (claim == null || claim.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(claim);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

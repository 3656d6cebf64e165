package dev.portico.web.profile;

import java.util.Map;

import dev.portico.web.api.AccountsApi;
import dev.portico.web.api.ApiProblem;
import dev.portico.web.api.AuthApi;
import dev.portico.web.session.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Profile: contact and billing address (edited in place, the API's field errors shown beside their fields), the
 * account's packages, and the login's password. A saved form redirects (post/redirect/get), so a reload never sends
 * it again.
 */
@Controller
class ProfileController {

	private final AccountsApi accounts;

	private final AuthApi auth;

	private final JsonMapper json;

	ProfileController(AccountsApi accounts, AuthApi auth, JsonMapper json) {
		this.accounts = accounts;
		this.auth = auth;
		this.json = json;
	}

	@GetMapping("/profile")
	String profile(@ModelAttribute("viewer") Viewer viewer, Model model) {
		if (viewer.hasAccount()) {
			AccountsApi.Profile profile = this.accounts.profile(viewer.accountId());
			model.addAttribute("profile", profile);
			if (!model.containsAttribute("form")) {
				model.addAttribute("form", ProfileForm.of(profile));
			}
		}
		return page(model);
	}

	@PostMapping("/profile")
	String save(@ModelAttribute("viewer") Viewer viewer, @ModelAttribute("form") ProfileForm form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			this.accounts.patch(viewer.accountId(), form.mergePatch());
		}
		catch (HttpClientErrorException.UnprocessableContent | HttpClientErrorException.BadRequest ex) {
			ApiProblem problem = ApiProblem.of(ex, this.json);
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("profile", this.accounts.profile(viewer.accountId()));
			model.addAttribute("errors", problem.fieldErrors());
			model.addAttribute("problem", problem.detail());
			return page(model);
		}
		redirect.addFlashAttribute("saved", "profile.saved");
		return "redirect:/profile";
	}

	@PostMapping("/profile/password")
	String changePassword(@ModelAttribute("viewer") Viewer viewer, @RequestParam String currentPassword,
			@RequestParam String newPassword, @RequestParam String confirmPassword, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!newPassword.equals(confirmPassword)) {
			return passwordRejected(viewer, Map.of("confirmPassword", "profile.password.mismatch"), null, 422, model,
					response);
		}
		try {
			this.auth.changePassword(new AuthApi.PasswordChange(currentPassword, newPassword));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() == 429) {
				throw ex;
			}
			ApiProblem problem = ApiProblem.of(ex, this.json);
			// 400/401: the current password is wrong; 422: the new one breaks the realm's policy.
			Map<String, String> errors = (ex.getStatusCode().value() == 422)
					? Map.of("newPassword", "profile.password.weak") : Map.of("currentPassword",
							"profile.password.wrong");
			return passwordRejected(viewer, errors, problem.detail(), ex.getStatusCode().value(), model, response);
		}
		redirect.addFlashAttribute("saved", "profile.password.changed");
		return "redirect:/profile";
	}

	private String passwordRejected(Viewer viewer, Map<String, String> errorKeys, String detail, int status,
			Model model, HttpServletResponse response) {
		response.setStatus(status);
		AccountsApi.Profile profile = this.accounts.profile(viewer.accountId());
		model.addAttribute("profile", profile);
		model.addAttribute("form", ProfileForm.of(profile));
		model.addAttribute("passwordErrors", errorKeys);
		model.addAttribute("passwordProblem", detail);
		return page(model);
	}

	private static String page(Model model) {
		model.addAttribute("page", "profile");
		return "profile";
	}

}

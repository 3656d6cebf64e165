package dev.portico.web.profile;

import java.util.Map;

import dev.portico.web.api.AccountsApi;
import dev.portico.web.api.ApiProblem;
import dev.portico.web.api.AuthApi;
import dev.portico.web.session.Viewer;
import dev.portico.web.config.KeycloakActions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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
 * Profile: contact and billing address (edited in place, the API's field errors shown
 * beside their fields), the account's packages, the login's password and its two-step
 * sign-in. A saved form redirects (post/redirect/get), so a reload never sends it again.
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
			@RequestParam String newPassword, @RequestParam String confirmPassword,
			@RequestParam(required = false) String otp, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (!newPassword.equals(confirmPassword)) {
			return passwordRejected(viewer, Map.of("confirmPassword", "profile.password.mismatch"), null, 422, model,
					response);
		}
		try {
			this.auth.changePassword(new AuthApi.PasswordChange(currentPassword, newPassword, code(otp)));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() == 429) {
				throw ex;
			}
			ApiProblem problem = ApiProblem.of(ex, this.json);
			// 400/401: the current password or code is wrong, or the code is missing;
			// 422: the new one is refused.
			Map<String, String> errors;
			if (problem.fieldErrors().containsKey("otp")) {
				errors = Map.of("otp", "profile.twoStep.codeRequired");
			}
			else if (ex.getStatusCode().value() == 422) {
				errors = Map.of("newPassword", "profile.password.weak");
			}
			else {
				errors = Map.of("currentPassword", "profile.password.wrong");
			}
			return passwordRejected(viewer, errors, problem.reason("newPassword"), ex.getStatusCode().value(), model,
					response);
		}
		redirect.addFlashAttribute("saved", "profile.password.changed");
		return "redirect:/profile";
	}

	/** To Keycloak's page that sets up an authenticator app, and back here. */
	@GetMapping("/profile/two-step/setup")
	String setUpAuthenticator(HttpSession session) {
		return "redirect:"
				+ KeycloakActions.start(session, KeycloakActions.CONFIGURE_TOTP, "/profile#two-step-heading");
	}

	@PostMapping("/profile/two-step/off")
	String turnOffAuthenticator(@ModelAttribute("viewer") Viewer viewer,
			@RequestParam("twoStepPassword") String currentPassword, @RequestParam("twoStepOtp") String otp,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			this.auth.turnOffAuthenticator(new AuthApi.TurnOff(currentPassword, code(otp)));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() == 429) {
				throw ex;
			}
			ApiProblem problem = ApiProblem.of(ex, this.json);
			Map<String, String> errors = problem.fieldErrors().containsKey("otp")
					? Map.of("twoStepOtp", "profile.twoStep.codeFormat")
					: Map.of("twoStepPassword", "profile.twoStep.wrong");
			return rejected(viewer, "twoStepErrors", errors, ex.getStatusCode().value(), model, response);
		}
		redirect.addFlashAttribute("saved", "profile.twoStep.turnedOff");
		return "redirect:/profile";
	}

	/**
	 * A code as typed: spaces between the digit groups are fine, an empty field is none.
	 */
	private static String code(String typed) {
		if (typed == null) {
			return null;
		}
		String digits = typed.replace(" ", "").strip();
		return digits.isEmpty() ? null : digits;
	}

	private String passwordRejected(Viewer viewer, Map<String, String> errorKeys, String detail, int status,
			Model model, HttpServletResponse response) {
		model.addAttribute("passwordProblem", detail);
		return rejected(viewer, "passwordErrors", errorKeys, status, model, response);
	}

	/**
	 * The profile page again with one section's field errors (message keys by field) and
	 * the API's status.
	 */
	private String rejected(Viewer viewer, String errorsAttribute, Map<String, String> errorKeys, int status,
			Model model, HttpServletResponse response) {
		response.setStatus(status);
		AccountsApi.Profile profile = this.accounts.profile(viewer.accountId());
		model.addAttribute("profile", profile);
		model.addAttribute("form", ProfileForm.of(profile));
		model.addAttribute(errorsAttribute, errorKeys);
		return page(model);
	}

	private String page(Model model) {
		model.addAttribute("page", "profile");
		model.addAttribute("twoStep", this.auth.twoStep());
		return "profile";
	}

}

package dev.portico.web.password;

import java.util.Map;

import dev.portico.web.api.ApiProblem;
import dev.portico.web.api.PasswordResetApi;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Forgot password and the page its e-mail links to, for visitors who are not signed in.
 * The sign-in page links here, and so does the set-password e-mail of a new user: every
 * password a user chooses passes the portal's strength check. What the page says after a
 * request is the same whether or not the user exists.
 */
@Controller
class PasswordResetController {

	private final PasswordResetApi api;

	private final JsonMapper json;

	PasswordResetController(PasswordResetApi api, JsonMapper json) {
		this.api = api;
		this.json = json;
	}

	@GetMapping("/forgot-password")
	String forgotForm() {
		return "forgot-password";
	}

	@PostMapping("/forgot-password")
	String forgot(@RequestParam(defaultValue = "") String usernameOrEmail, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		String who = usernameOrEmail.strip();
		if (who.isEmpty() || who.length() > 255) {
			response.setStatus(422);
			model.addAttribute("errors", Map.of("usernameOrEmail", "reset.forgot.required"));
			return "forgot-password";
		}
		this.api.forgot(new PasswordResetApi.Forgot(who));
		redirect.addFlashAttribute("sent", true);
		return "redirect:/forgot-password";
	}

	/**
	 * The link of the e-mail carries the token; someone who typed the address enters the
	 * code of the e-mail.
	 */
	@GetMapping("/reset-password")
	String resetForm(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("token", (token != null) ? token.strip() : "");
		return "reset-password";
	}

	@PostMapping("/reset-password")
	String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String confirmPassword, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		String code = token.strip();
		model.addAttribute("token", code);
		if (code.isEmpty() || code.length() > 256) {
			return rejected(Map.of("token", "reset.code.required"), null, 422, model, response);
		}
		if (newPassword.isEmpty()) {
			return rejected(Map.of("newPassword", "reset.password.required"), null, 422, model, response);
		}
		if (!newPassword.equals(confirmPassword)) {
			return rejected(Map.of("confirmPassword", "profile.password.mismatch"), null, 422, model, response);
		}
		try {
			this.api.reset(new PasswordResetApi.Reset(code, newPassword));
		}
		catch (HttpClientErrorException ex) {
			int status = ex.getStatusCode().value();
			if (status == 429) {
				throw ex;
			}
			ApiProblem problem = ApiProblem.of(ex, this.json);
			// 422: the password is refused (too weak, or a recent one); 400: the link is
			// unknown, spent or expired.
			if (status == 422) {
				return rejected(Map.of("newPassword", "profile.password.weak"), problem.reason("newPassword"), status,
						model, response);
			}
			return rejected(Map.of("token", "reset.code.invalid"), null, status, model, response);
		}
		redirect.addFlashAttribute("done", true);
		return "redirect:/reset-password";
	}

	private static String rejected(Map<String, String> errorKeys, String detail, int status, Model model,
			HttpServletResponse response) {
		response.setStatus(status);
		model.addAttribute("errors", errorKeys);
		model.addAttribute("problem", detail);
		return "reset-password";
	}

}

package dev.portico.account.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Who the provider talks to about the account. The phone is optional. */
public record Contact(@NotBlank @Size(max = 200) String name,
		@NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
				message = "must be an e-mail address") String email,
		@PhoneNumber String phone) {

	/** Phones are kept in their E.164 form, whatever separators the client typed. */
	public Contact normalised() {
		return new Contact(this.name, this.email, PhoneNumber.Validator.normalise(this.phone));
	}

}

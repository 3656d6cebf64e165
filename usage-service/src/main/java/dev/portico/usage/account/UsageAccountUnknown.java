package dev.portico.usage.account;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

/**
 * The caller may see the account (the access check passed), but its opening has not
 * reached usage-service yet, so there are no periods to show. Usually gone within a
 * second of the account being opened.
 */
public class UsageAccountUnknown extends PortalException {

	public UsageAccountUnknown() {
		super(HttpStatus.NOT_FOUND, "usage-account-unknown", "Usage not available",
				"Usage of this account is not available yet.");
	}

}

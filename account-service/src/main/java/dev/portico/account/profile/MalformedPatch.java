package dev.portico.account.profile;

import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;

/**
 * A patch that is JSON but not of the shape a merge patch of the profile can have (a
 * number for a text, ...).
 */
class MalformedPatch extends PortalException {

	MalformedPatch(String detail) {
		super(ProblemType.MALFORMED_REQUEST.status(), "malformed-request", ProblemType.MALFORMED_REQUEST.title(),
				detail);
	}

}

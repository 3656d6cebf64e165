package dev.portico.account.ops;

import dev.portico.platform.web.PortalException;
import dev.portico.platform.web.ProblemType;

class OpsRoleRequired extends PortalException {

	OpsRoleRequired() {
		super(ProblemType.FORBIDDEN.status(), "forbidden", ProblemType.FORBIDDEN.title(),
				"Only operations staff may use this resource.");
	}

}

package dev.portico.account.packages;

import dev.portico.platform.web.PortalException;

import org.springframework.http.HttpStatus;

class NoSuchPackage extends PortalException {

	NoSuchPackage() {
		super(HttpStatus.NOT_FOUND, "package-not-found", "Package not found", "The account has no such package.");
	}

}

package dev.portico.account.packages;

import org.springframework.http.HttpStatus;

import dev.portico.platform.web.PortalException;

class NoSuchPackage extends PortalException {

	NoSuchPackage() {
		super(HttpStatus.NOT_FOUND, "package-not-found", "Package not found", "The account has no such package.");
	}

}

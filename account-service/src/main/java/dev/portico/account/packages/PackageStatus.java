package dev.portico.account.packages;

public enum PackageStatus {

	ACTIVE, CANCELLED

}

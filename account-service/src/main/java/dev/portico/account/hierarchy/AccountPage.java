package dev.portico.account.hierarchy;

import java.util.List;

/** A page of a list, in the shape every list of the API has. */
record AccountPage<T>(List<T> content, PageInfo page) {

	static <T> AccountPage<T> of(List<T> content, int number, int size, long totalElements) {
		int totalPages = (int) ((totalElements + size - 1) / size);
		return new AccountPage<>(List.copyOf(content), new PageInfo(number, size, totalElements, totalPages));
	}

	record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

}

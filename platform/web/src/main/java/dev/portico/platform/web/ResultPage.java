package dev.portico.platform.web;

import java.util.List;

/** A page of a list, in the shape every list of the API has. */
public record ResultPage<T>(List<T> content, PageInfo page) {

	public static <T> ResultPage<T> of(List<T> content, int number, int size, long totalElements) {
		int totalPages = (int) ((totalElements + size - 1) / size);
		return new ResultPage<>(List.copyOf(content), new PageInfo(number, size, totalElements, totalPages));
	}

	public record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

}

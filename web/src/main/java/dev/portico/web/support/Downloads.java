package dev.portico.web.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Files the API serves (invoice PDFs, usage CSV), passed on to the browser under the
 * API's file name.
 */
public final class Downloads {

	private Downloads() {
	}

	public static ResponseEntity<byte[]> passOn(ResponseEntity<byte[]> upstream, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		String disposition = upstream.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
		if (disposition != null) {
			headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition);
		}
		return new ResponseEntity<>(upstream.getBody(), headers, upstream.getStatusCode());
	}

}

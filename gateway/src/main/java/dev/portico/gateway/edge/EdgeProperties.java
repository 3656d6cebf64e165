package dev.portico.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway allows at the edge.
 *
 * @param corsAllowedOrigins origin patterns of web front ends on other origins that may call the API from a
 * browser ({@code PORTICO_GATEWAY_EDGE_CORS_ALLOWED_ORIGINS}, comma-separated); the portal's own web app is served
 * through the gateway on the same origin and needs none. Mobile apps do not use CORS.
 * @param requestsPerSecondPerUser sustained API calls a second one user (or one address, before login) may make
 * @param burstPerUser how many calls above the sustained rate a user may make at once
 */
@ConfigurationProperties("portico.gateway.edge")
public record EdgeProperties(@DefaultValue({ "http://localhost:[*]", "http://127.0.0.1:[*]" }) List<String> corsAllowedOrigins,
		@DefaultValue("200") int requestsPerSecondPerUser, @DefaultValue("400") int burstPerUser) {

}

package dev.portico.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway allows at the edge.
 *
 * @param corsAllowedOrigins origin patterns of web front ends on other origins that may
 * call the API from a browser ({@code PORTICO_GATEWAY_EDGE_CORS_ALLOWED_ORIGINS},
 * comma-separated); the portal's own web app is served through the gateway on the same
 * origin and needs none. Mobile apps do not use CORS.
 * @param requestsPerSecondPerUser sustained API calls a second one user (or one address,
 * before login) may make
 * @param burstPerUser how many calls a user may make at once before the sustained rate
 * applies
 * @param trackedUsers bound on the users and addresses whose recent calls are remembered
 * @param trustedProxies addresses or CIDR blocks of proxies in front of the gateway (an
 * ingress) whose {@code X-Forwarded-For} names the client
 * ({@code PORTICO_GATEWAY_EDGE_TRUSTED_PROXIES})
 */
@ConfigurationProperties("portico.gateway.edge")
public record EdgeProperties(@DefaultValue( {
		"http://localhost:[*]", "http://127.0.0.1:[*]" }) List<String> corsAllowedOrigins,
		@DefaultValue("200") int requestsPerSecondPerUser, @DefaultValue("400") int burstPerUser,
		@DefaultValue("100000") int trackedUsers, @DefaultValue List<String> trustedProxies){

}

package dev.portico.web;

import dev.portico.platform.web.servlet.ServletWebAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The customer portal's web app: server-rendered pages over the public API, which it
 * calls through the gateway with the signed-in customer's token. The platform's JSON
 * problem handling is for APIs; pages answer errors as pages.
 */
@SpringBootApplication(exclude = ServletWebAutoConfiguration.class)
@ConfigurationPropertiesScan
public class WebApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebApplication.class, args);
	}

}

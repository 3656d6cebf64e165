package dev.portico.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers the API's JSON conventions with Boot's Jackson auto-configuration. */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class JsonAutoConfiguration {

	@Bean
	JsonSettings porticoJsonSettings() {
		return new JsonSettings();
	}

}

package dev.portico.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Points the test class's Spring context at a real Keycloak with realm {@code portal}
 * ({@link TestKeycloak}, one per test JVM): {@code portico.security.issuer-uri} for token
 * validation, {@code portico.auth.keycloak.base-url} for auth-service (realm, client and
 * secret keep their development defaults, so a test may override them), and
 * {@code spring.mail.*} at {@link TestSmtp}, the server Keycloak mails to as well. Get
 * tokens with {@link TestKeycloak#accessToken} and users with
 * {@link TestKeycloak#createUser}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ContextCustomizerFactories(KeycloakContextCustomizerFactory.class)
public @interface WithKeycloak {

}

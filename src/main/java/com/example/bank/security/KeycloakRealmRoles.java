package com.example.bank.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Keycloak puts realm roles in {@code realm_access.roles} rather than in {@code groups} (unless a mapper is
 * configured). Adding them here lets a Keycloak token work as issued; tokens of other providers, which carry
 * {@code groups}, pass through unchanged.
 */
@ApplicationScoped
public class KeycloakRealmRoles implements SecurityIdentityAugmentor {

    static final String CLAIM = "realm_access";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)
                || !(token.getClaim(CLAIM) instanceof JsonObject realmAccess)
                || !(realmAccess.get("roles") instanceof JsonArray roles)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder augmented = QuarkusSecurityIdentity.builder(identity);
        for (JsonValue role : roles) {
            if (role instanceof JsonString name) {
                augmented.addRole(name.getString());
            }
        }
        return Uni.createFrom().item(augmented.build());
    }
}

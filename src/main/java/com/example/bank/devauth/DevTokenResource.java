package com.example.bank.devauth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.example.bank.security.Roles;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /dev/token?subject=alice&role=customer}: a signed token, for curl and Swagger UI in dev mode.
 * Built into dev mode and test builds only: the production jar has no such endpoint (a packaged-jar test
 * checks that it answers 404), and its tokens would be refused there anyway (other issuer, other key).
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/dev/token")
@PermitAll
public class DevTokenResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    // Hidden from the API document, which describes the production API in every build.
    @Operation(hidden = true)
    public String token(@QueryParam("subject") @NotEmpty @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String subject,
            @QueryParam("role") List<@Pattern(regexp = Roles.CUSTOMER + "|" + Roles.TELLER) String> roles) {
        Set<String> granted = roles == null || roles.isEmpty() ? Set.of(Roles.CUSTOMER) : new LinkedHashSet<>(roles);
        return DevTokens.issue(subject, granted);
    }
}

package com.example.bank.transfer;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.example.bank.idempotency.IdempotencyConfig;
import com.example.bank.idempotency.IdempotencyKeyHeader;
import com.example.bank.ledger.Transfer;
import com.example.bank.problem.Problem;
import com.example.bank.security.Caller;
import com.example.bank.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

@Path("/transfers")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TransferResource {
    // POST /transfers returns a CompletionStage, so Quarkus REST runs it on the event loop: the body is read and
    // validated there, and no worker thread waits while the transfer's lane (TransferLanes) runs it.

    /** Set on an answer that was recorded for an earlier request with the same key (Stripe's name). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    AtMostOnceTransfers transfers;

    @Inject
    IdempotencyConfig idempotency;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Transfer money", description = "Moves an amount, in minor units, out of one of the caller's "
            + "accounts into any account of the request's currency, in one transaction that is retried on serialization conflicts. Send an "
            + "Idempotency-Key (a UUID generated before the first attempt) to make re-sends safe: a re-sent request "
            + "gets the original answer with Idempotent-Replayed: true, and the money moves once. Keys are the "
            + "caller's own: another user's identical key is another request. A source account that is not the "
            + "caller's is answered account-not-found, like one that does not exist.")
    @Parameter(name = IdempotencyKeyHeader.NAME, in = ParameterIn.HEADER, required = false,
            description = "Client-chosen key, 1 to 255 visible ASCII characters; the same key on every re-send "
                    + "of one transfer, a new key for each new transfer",
            schema = @Schema(type = SchemaType.STRING, maxLength = IdempotencyKeyHeader.MAX_LENGTH))
    @APIResponse(responseCode = "201", description = "The transfer; Location names it",
            headers = @Header(name = REPLAYED_HEADER, description = "true when this answer was recorded for an earlier "
                    + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferResponse.class)))
    @APIResponse(responseCode = "400", description = "validation-failed, malformed-request, invalid-idempotency-key or idempotency-key-required", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "account-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "insufficient-funds, same-account, currency-mismatch, balance-overflow, invalid-amount or idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "transfer-contention or transfer-queue-full (nothing changed; Retry-After), or transfer-outcome-unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> transfer(@Valid @NotNull TransferRequest request,
            @Context HttpHeaders headers, @Context UriInfo uriInfo) {
        Optional<String> idempotencyKey = IdempotencyKeyHeader.fromHeaders(headers.getRequestHeader(IdempotencyKeyHeader.NAME),
                idempotency.required());
        UriBuilder transferUris = uriInfo.getAbsolutePathBuilder();
        String initiatedBy = Caller.of(identity).subject();
        return transfers.submit(request, initiatedBy, idempotencyKey).thenApply(outcome -> {
            if (outcome instanceof TransferOutcome.Rejected rejected) {
                throw rejected.rejection();
            }
            Transfer transfer = ((TransferOutcome.Completed) outcome).transfer();
            URI location = transferUris.path(transfer.id.toString()).build();
            Response.ResponseBuilder response = Response.created(location).entity(TransferResponse.of(transfer));
            if (outcome.replayed()) {
                response.header(REPLAYED_HEADER, "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.TELLER })
    @Operation(summary = "Get a ledger entry", description = "A transfer or deposit: a customer sees those into or out "
            + "of its own accounts, a teller every one.")
    @APIResponse(responseCode = "200", description = "The ledger entry")
    @APIResponse(responseCode = "404", description = "transfer-not-found: no such entry, or not the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TransferResponse getTransfer(UUID id) {
        Caller caller = Caller.of(identity);
        Optional<Transfer> transfer = caller.teller() ? Transfer.findByIdOptional(id)
                : Transfer.findVisibleTo(id, caller.subject());
        return TransferResponse.of(transfer.orElseThrow(() -> new TransferNotFoundException(id)));
    }
}

package com.example.bank.transfer;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import com.example.bank.idempotency.IdempotencyConfig;
import com.example.bank.idempotency.IdempotencyKey;

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
import jakarta.ws.rs.core.UriInfo;

@Path("/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {

    /** Set on an answer that was recorded for an earlier request with the same key (Stripe's name). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    TransferService transferService;

    @Inject
    IdempotencyConfig idempotency;

    @POST
    public Response transfer(@Valid @NotNull TransferRequest request,
            @Context HttpHeaders headers, @Context UriInfo uriInfo) {
        Optional<String> idempotencyKey = IdempotencyKey.fromHeaders(headers.getRequestHeader(IdempotencyKey.HEADER),
                idempotency.required());
        TransferOutcome outcome = transferService.transfer(request, idempotencyKey);
        if (outcome.rejection() != null) {
            throw outcome.rejection();
        }
        URI location = uriInfo.getAbsolutePathBuilder().path(outcome.transfer().id.toString()).build();
        Response.ResponseBuilder response = Response.created(location).entity(TransferResponse.of(outcome.transfer()));
        if (outcome.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    public TransferResponse get(UUID id) {
        Transfer transfer = Transfer.findById(id);
        if (transfer == null) {
            throw new TransferNotFoundException(id);
        }
        return TransferResponse.of(transfer);
    }
}

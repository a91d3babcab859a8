package com.example.bank.transfer;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {

    @Inject
    TransferService transferService;

    @POST
    public Response transfer(@Valid @NotNull TransferRequest request, @Context UriInfo uriInfo) {
        Transfer transfer = transferService.transfer(request);
        URI location = uriInfo.getAbsolutePathBuilder().path(transfer.id.toString()).build();
        return Response.created(location).entity(TransferResponse.of(transfer)).build();
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

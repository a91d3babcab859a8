package com.example.bank.account;

import java.net.URI;
import java.util.UUID;

import com.example.bank.paging.Page;
import com.example.bank.transfer.Transfer;
import com.example.bank.transfer.TransferResponse;

import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @POST
    @Transactional
    public Response open(@Valid @NotNull OpenAccountRequest request, @Context UriInfo uriInfo) {
        Account account = Account.open(request.ownerName(), request.currency(), request.openingBalance());
        account.persist();
        URI location = uriInfo.getAbsolutePathBuilder().path(account.id.toString()).build();
        return Response.created(location).entity(AccountResponse.of(account)).build();
    }

    @GET
    @Path("/{id}")
    public AccountResponse get(UUID id) {
        return AccountResponse.of(find(id));
    }

    /** Oldest first, so that pages stay stable while new accounts are opened. */
    @GET
    public Page<AccountResponse> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return Page.of(Account.findAll(Sort.ascending("createdAt", "id")), page, size, AccountResponse::of);
    }

    /** The account's ledger: transfers out of and into it, newest first. */
    @GET
    @Path("/{id}/transfers")
    public Page<TransferResponse> history(UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        find(id);
        return Page.of(Transfer.involving(id), page, size, TransferResponse::of);
    }

    private static Account find(UUID id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw new AccountNotFoundException(id);
        }
        return account;
    }
}

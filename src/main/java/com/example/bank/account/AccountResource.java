package com.example.bank.account;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.example.bank.paging.Page;
import com.example.bank.problem.Problem;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/accounts")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @POST
    @Transactional
    @Operation(summary = "Open an account", description = "Opens an account in one currency with an opening balance "
            + "in minor units of that currency (cents for USD).")
    @APIResponse(responseCode = "201", description = "The account; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", description = "validation-failed or malformed-request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response openAccount(@Valid @NotNull OpenAccountRequest request, @Context UriInfo uriInfo) {
        Account account = Account.open(request.ownerName(), request.currency(), request.openingBalance());
        account.persist();
        URI location = uriInfo.getAbsolutePathBuilder().path(account.id.toString()).build();
        return Response.created(location).entity(AccountResponse.of(account)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an account", description = "The account with its current balance.")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "account-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountResponse getAccount(UUID id) {
        return AccountResponse.of(find(id));
    }

    /** Oldest first, so that pages stay stable while new accounts are opened. */
    @GET
    @Operation(summary = "List accounts", description = "All accounts, oldest first, a page at a time. Pages are "
            + "numbered from 0; hasNext says whether another page follows.")
    @APIResponse(responseCode = "200", description = "One page of accounts")
    @APIResponse(responseCode = "400", description = "validation-failed: page or size out of range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AccountResponse> listAccounts(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return Page.of(Account.findAll(Sort.ascending("createdAt", "id")), page, size, AccountResponse::of);
    }

    /** The account's ledger: transfers out of and into it, newest first. */
    @GET
    @Path("/{id}/transfers")
    @Operation(summary = "List an account's transfers", description = "The transfers out of and into the account, "
            + "newest first, a page at a time.")
    @APIResponse(responseCode = "200", description = "One page of transfers")
    @APIResponse(responseCode = "400", description = "validation-failed: page or size out of range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "account-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TransferResponse> accountHistory(UUID id,
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

package com.example.bank.account;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.example.bank.database.RetriedTransactions;
import com.example.bank.ledger.Account;
import com.example.bank.ledger.AccountNotFoundException;
import com.example.bank.ledger.Transfer;
import com.example.bank.paging.Cursor;
import com.example.bank.paging.Page;
import com.example.bank.problem.Problem;
import com.example.bank.security.Caller;
import com.example.bank.security.RoleRequiredException;
import com.example.bank.security.Roles;
import com.example.bank.transfer.TransferResponse;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
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

/**
 * Customers see and open their own accounts; tellers see every account, open accounts for others and take
 * deposits. An account that is not the caller's is answered exactly like one that does not exist.
 */
@Path("/accounts")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CUSTOMER, Roles.TELLER })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AccountResource {

    private static final String PAGE_AFTER = "The next value of the previous page; absent for the first page";

    @Inject
    SecurityIdentity identity;

    @Inject
    RetriedTransactions transactions;

    @POST
    @Operation(summary = "Open an account", description = "A customer opens an empty account for itself. A teller "
            + "opens one for ownerId (the subject of the owner's tokens), with an optional opening deposit in minor "
            + "units of the currency (cents for USD), recorded in the ledger.")
    @APIResponse(responseCode = "201", description = "The account; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", description = "validation-failed or malformed-request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response openAccount(@Valid @NotNull OpenAccountRequest request, @Context UriInfo uriInfo) {
        Caller caller = Caller.of(identity);
        Account account = transactions.inNewTransaction(
                () -> caller.teller() ? openForOwner(request, caller) : openForSelf(request, caller));
        URI location = uriInfo.getAbsolutePathBuilder().path(account.id.toString()).build();
        return Response.created(location).entity(AccountResponse.of(account)).build();
    }

    private static Account openForOwner(OpenAccountRequest request, Caller teller) {
        if (request.ownerId() == null) {
            throw new OwnerRequiredException();
        }
        Account account = Account.open(request.ownerId(), request.ownerName(), request.currency());
        account.persist();
        if (request.openingDeposit() > 0) {
            account.deposit(request.openingDeposit(), request.currency(), teller.subject()).persist();
        }
        return account;
    }

    private static Account openForSelf(OpenAccountRequest request, Caller customer) {
        if (request.ownerId() != null && !request.ownerId().equals(customer.subject())) {
            throw new RoleRequiredException("Only a teller opens an account for someone else.");
        }
        if (request.openingDeposit() != 0) {
            throw new RoleRequiredException("Only a teller puts money into an account: a customer's account opens "
                    + "empty, and money reaches it by a deposit or a transfer.");
        }
        Account account = Account.open(customer.subject(), request.ownerName(), request.currency());
        account.persist();
        return account;
    }

    @POST
    @Path("/{id}/deposits")
    @RolesAllowed(Roles.TELLER)
    @Operation(summary = "Deposit into an account", description = "A teller puts money into an account from outside "
            + "the bank; the ledger records it with the teller's subject.")
    @APIResponse(responseCode = "201", description = "The ledger entry of the deposit; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferResponse.class)))
    @APIResponse(responseCode = "400", description = "validation-failed or malformed-request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "account-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "currency-mismatch or balance-overflow", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deposit(UUID id, @Valid @NotNull DepositRequest request, @Context UriInfo uriInfo) {
        String teller = Caller.of(identity).subject();
        Transfer entry = transactions.inNewTransaction(() -> {
            // Locked first, so that a deposit racing a transfer on the same account waits for it instead of failing.
            Optional<Account> account = Account.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
            Transfer deposit = account.orElseThrow(() -> new AccountNotFoundException(id))
                    .deposit(request.amount(), request.currency(), teller);
            deposit.persist();
            return deposit;
        });
        URI location = uriInfo.getBaseUriBuilder().path("transfers").path(entry.id.toString()).build();
        return Response.created(location).entity(TransferResponse.of(entry)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an account", description = "The account with its current balance.")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "account-not-found: no such account, or not the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountResponse getAccount(UUID id) {
        return AccountResponse.of(visible(id));
    }

    /** Oldest first, so that pages stay stable while new accounts are opened. */
    @GET
    @Operation(summary = "List accounts", description = "The caller's accounts (a teller's: all accounts), oldest "
            + "first, a page at a time. Pages are numbered from 0; hasNext says whether another page follows.")
    @APIResponse(responseCode = "200", description = "One page of accounts")
    @APIResponse(responseCode = "400", description = "validation-failed: size out of range; invalid-cursor: after is not a next value this service gave", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AccountResponse> listAccounts(
            @Parameter(description = PAGE_AFTER) @QueryParam("after") String after,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Caller caller = Caller.of(identity);
        Optional<String> owner = caller.teller() ? Optional.empty() : Optional.of(caller.subject());
        return Page.of(Account.list(owner, Cursor.decode(after), size + 1), size, Account::cursor, AccountResponse::of);
    }

    /** The account's ledger: transfers out of and into it and deposits into it, newest first. */
    @GET
    @Path("/{id}/transfers")
    @Operation(summary = "List an account's ledger entries", description = "The transfers out of and into the "
            + "account and the deposits into it, newest first, a page at a time.")
    @APIResponse(responseCode = "200", description = "One page of ledger entries")
    @APIResponse(responseCode = "400", description = "validation-failed: size out of range; invalid-cursor: after is not a next value this service gave", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "account-not-found: no such account, or not the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TransferResponse> accountHistory(UUID id,
            @Parameter(description = PAGE_AFTER) @QueryParam("after") String after,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        visible(id);
        return Page.of(Transfer.history(id, Cursor.decode(after), size + 1), size, Transfer::cursor, TransferResponse::of);
    }

    /** A teller sees every account; a customer only its own, and any other id is "not found". */
    private Account visible(UUID id) {
        Caller caller = Caller.of(identity);
        Optional<Account> account = caller.teller() ? Account.findByIdOptional(id) : Account.findOwned(id, caller.subject());
        return account.orElseThrow(() -> new AccountNotFoundException(id));
    }
}

package com.example.bank.security;

import static com.example.bank.BankApi.accountIdsSeenBy;
import static com.example.bank.BankApi.asCustomer;
import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.postTransfer;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transferBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.bank.BankApi.Snapshot;
import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A customer sees and moves only its own money, cannot tell another's account from one that does not exist,
 * and shares no idempotency key with anyone.
 */
@QuarkusTest
class OwnershipTest {

    private static final String ALICE = "owner-alice";
    private static final String BOB = "owner-bob";

    @Test
    void anotherCustomersAccountLooksExactlyLikeOneThatDoesNotExist() {
        UUID bobs = openAccount(BOB, "USD", 500);
        UUID missing = UUID.randomUUID();

        for (String path : List.of("/accounts/{id}", "/accounts/{id}/transfers")) {
            Response notMine = asCustomer(ALICE).get(path, bobs);
            Response none = asCustomer(ALICE).get(path, missing);
            assertProblem(notMine, ProblemType.ACCOUNT_NOT_FOUND);
            assertProblem(none, ProblemType.ACCOUNT_NOT_FOUND);
            assertEquals(none.<String> path("detail").replace(missing.toString(), "ID"),
                    notMine.<String> path("detail").replace(bobs.toString(), "ID"));
        }
    }

    @Test
    void aCustomerListsNoOtherCustomersAccount() {
        UUID alices = openAccount(ALICE, "USD", 1);
        UUID bobs = openAccount(BOB, "USD", 1);

        List<UUID> seen = accountIdsSeenBy(asCustomer(ALICE));

        assertEquals(true, seen.contains(alices));
        assertEquals(false, seen.contains(bobs));
    }

    @Test
    void aCustomerCannotMoveMoneyOutOfAnotherCustomersAccount() {
        UUID bobs = openAccount(BOB, "USD", 500);
        UUID alices = openAccount(ALICE, "USD", 0);
        Snapshot before = Snapshot.of(bobs, alices);

        Response theft = postTransfer(asCustomer(ALICE), transferBody(bobs, alices, 100, "USD"));

        assertProblem(theft, ProblemType.ACCOUNT_NOT_FOUND);
        before.assertUnchanged();
    }

    @Test
    void aCustomerPaysIntoAnyonesAccountAndBothSeeTheTransfer() {
        UUID alices = openAccount(ALICE, "USD", 300);
        UUID bobs = openAccount(BOB, "USD", 0);
        UUID carols = openAccount("owner-carol", "USD", 0);
        String id = transfer(alices, bobs, 100, "USD").then().statusCode(201).extract().path("id");

        asCustomer(ALICE).get("/transfers/{id}", id).then().statusCode(200);
        asCustomer(BOB).get("/transfers/{id}", id).then().statusCode(200);
        assertProblem(asCustomer("owner-carol").get("/transfers/{id}", id), ProblemType.TRANSFER_NOT_FOUND);
        assertEquals(0, balanceOf(carols));
        assertEquals(100, balanceOf(bobs));
    }

    /** The same key from two customers is two requests: neither replays, reuses or blocks the other's. */
    @Test
    void idempotencyKeysBelongToTheirSender() {
        UUID alices = openAccount(ALICE, "USD", 1000);
        UUID bobs = openAccount(BOB, "USD", 1000);
        String key = "shared-" + UUID.randomUUID();

        Response alicesTransfer = transfer(alices, bobs, 100, "USD", key);
        Response bobsTransfer = transfer(bobs, alices, 30, "USD", key);
        Response malloryReplayingAlices = postTransfer(asCustomer("owner-mallory").header("Idempotency-Key", key),
                transferBody(alices, bobs, 100, "USD"));

        alicesTransfer.then().statusCode(201);
        bobsTransfer.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertNotEquals(alicesTransfer.<String> path("id"), bobsTransfer.<String> path("id"));
        assertProblem(malloryReplayingAlices, ProblemType.ACCOUNT_NOT_FOUND);
        transfer(alices, bobs, 100, "USD", key).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(alicesTransfer.<String> path("id")));
        assertEquals(930, balanceOf(alices));
        assertEquals(1070, balanceOf(bobs));
    }
}

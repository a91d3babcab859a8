package com.example.bank.benchmark;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Which accounts the transfers move money between. */
record Workload(String name, List<UUID> accounts) {

    /** Source and destination, distinct, chosen at random (on two accounts: both directions, half each). */
    UUID[] nextPair() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(accounts.size());
        int to = random.nextInt(accounts.size() - 1);
        if (to >= from) {
            to++;
        }
        return new UUID[] { accounts.get(from), accounts.get(to) };
    }
}

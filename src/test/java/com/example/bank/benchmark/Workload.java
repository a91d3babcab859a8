package com.example.bank.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which accounts the transfers move money between: source and destination drawn independently from the same
 * distribution over the accounts (redrawn until they differ). Uniform, or Zipf with exponent {@code s}: the
 * account of rank k is drawn with probability proportional to 1/k^s (s = 1.0 and 2.0 are the skews of
 * published TigerBeetle-versus-PostgreSQL comparisons; at s = 2.0 over 10,000 accounts, the top account is in
 * 61 % of draws). Two accounts, uniform, is the hot workload.
 */
record Workload(String name, List<UUID> accounts, double[] cumulative) {

    static Workload uniform(String name, List<UUID> accounts) {
        return new Workload(name, accounts, null);
    }

    static Workload zipf(String name, List<UUID> accounts, double exponent) {
        double[] cumulative = new double[accounts.size()];
        double sum = 0;
        for (int rank = 1; rank <= accounts.size(); rank++) {
            sum += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        return new Workload(name, accounts, cumulative);
    }

    UUID[] nextPair() {
        int from = draw();
        int to = draw();
        while (to == from) {
            to = draw();
        }
        return new UUID[] { accounts.get(from), accounts.get(to) };
    }

    private int draw() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (cumulative == null) {
            return random.nextInt(accounts.size());
        }
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(index >= 0 ? index : -index - 1, accounts.size() - 1);
    }
}

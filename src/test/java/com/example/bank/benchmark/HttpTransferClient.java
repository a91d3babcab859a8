package com.example.bank.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The service path: POST /transfers over a kept-alive HTTP/1.1 connection, JSON in and out. */
final class HttpTransferClient implements TransferClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI transfers;

    HttpTransferClient(int port) {
        this.transfers = URI.create("http://localhost:" + port + "/transfers");
    }

    @Override
    public int transfer(UUID from, UUID to, long amount) throws Exception {
        String body = "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":" + amount
                + ",\"currency\":\"USD\"}";
        HttpRequest request = HttpRequest.newBuilder(transfers)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 201 ? 0 : -1;
    }
}

package com.example.bank.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The service path: POST /transfers over one kept-alive HTTP/1.1 connection, JSON in and out.
 * <p>
 * Written on a plain socket, as load generators such as wrk are: the driver shares the machine's cores with
 * the service and the database, and the JDK's HttpClient spent more than twice the JDBC driver's CPU per
 * request (its own selector thread, futures and hand-offs), which the benchmark then charged to the service.
 * It still speaks real HTTP: it reads the status line, the headers and the whole body (by Content-Length or
 * chunked), and reconnects when the service closes the connection.
 */
final class HttpTransferClient implements TransferClient {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress address;
    private final String authorization;
    private final boolean keyed;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /**
     * {@code token}: the bearer token of the accounts' owner, sent with every request as a real client does;
     * {@code keyed}: every transfer carries a fresh {@code Idempotency-Key}, as a real payment client's does.
     */
    HttpTransferClient(int port, String token, boolean keyed) {
        this.address = new InetSocketAddress("localhost", port);
        this.authorization = "Authorization: Bearer " + token + "\r\n";
        this.keyed = keyed;
    }

    @Override
    public int transfer(UUID from, UUID to, long amount) throws IOException {
        byte[] body = ("{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":" + amount
                + ",\"currency\":\"USD\"}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /transfers HTTP/1.1\r\nHost: localhost:" + address.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n" + authorization
                + (keyed ? "Idempotency-Key: " + UUID.randomUUID() + "\r\n" : "")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        connectIfClosed();
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        int status = readResponse();
        return status == 201 ? 0 : -1;
    }

    /** Reads one whole response, so that the next one starts at the right byte; returns its status. */
    private int readResponse() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                skip(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else {
            close = true;
        }
        if (close) {
            close();
        }
        return status;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the service closed the connection mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0;) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the service closed the connection mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private void connectIfClosed() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

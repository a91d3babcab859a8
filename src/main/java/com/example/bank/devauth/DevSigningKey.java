package com.example.bank.devauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs the tokens of dev mode and the tests, generated on first use under
 * {@code target/dev-auth/} (never committed, gone with {@code mvn clean}) and reused afterwards, so that a
 * token stays valid across dev-mode reloads and restarts. The service verifies with the public half exactly
 * as it verifies an identity provider's tokens in production.
 */
public final class DevSigningKey {

    static final Path DIRECTORY = Path.of("target", "dev-auth");
    private static final Path PRIVATE_KEY = DIRECTORY.resolve("private-key.pem");
    private static final Path PUBLIC_KEY = DIRECTORY.resolve("public-key.pem");

    private DevSigningKey() {
    }

    /** The public key's PEM file, created with its private half if missing. */
    public static synchronized Path publicKeyFile() {
        if (!Files.exists(PUBLIC_KEY) || !Files.exists(PRIVATE_KEY)) {
            generate();
        }
        return PUBLIC_KEY.toAbsolutePath();
    }

    public static synchronized PrivateKey privateKey() {
        publicKeyFile();
        try {
            String pem = Files.readString(PRIVATE_KEY, StandardCharsets.US_ASCII);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not read " + PRIVATE_KEY + "; delete it to generate a new pair", e);
        }
    }

    private static void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIRECTORY);
            // Written aside and moved into place, so that two JVMs starting at once never read half a file.
            write(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(DIRECTORY, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}

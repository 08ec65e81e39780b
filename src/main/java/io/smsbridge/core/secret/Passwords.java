package io.smsbridge.core.secret;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Admin passwords: PBKDF2-HMAC-SHA256 with a random salt, stored as pbkdf2$iterations$salt$hash.
 * A name that does not exist is checked against a dummy hash, so timing does not tell names apart.
 */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 120_000;
    private static final String DUMMY = hash("no such admin, compared for the time it takes");

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} matches {@code stored}; with {@code stored} null, false in the same time. */
    public static boolean verify(String password, String stored) {
        String[] parts = (stored == null ? DUMMY : stored).split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2") || password == null) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        boolean same = MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
        return same && stored != null;
    }

    /** A random secret of {@code bytes} bytes, URL-safe (session tokens, API keys). */
    public static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return new String(Base64.getEncoder().encode(b), StandardCharsets.US_ASCII);
    }
}

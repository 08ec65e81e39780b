package io.smsbridge.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** API keys are looked up by their SHA-256, so no key is kept or compared in clear. */
public final class Hashes {

    private Hashes() {
    }

    public static String sha256(String value) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two secrets (lengths leak nothing: both are hashed first). */
    public static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected).getBytes(StandardCharsets.US_ASCII),
                sha256(given).getBytes(StandardCharsets.US_ASCII));
    }
}

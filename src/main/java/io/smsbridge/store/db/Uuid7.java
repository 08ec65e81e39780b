package io.smsbridge.store.db;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered keys: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds then random bits. New
 * rows land at the end of the primary-key index instead of on a random page, so a commit rewrites
 * a few B-tree pages, not one per row (H2 writes every changed page on commit; PostgreSQL's index
 * and WAL traffic shrinks the same way). Stored as {@code UUID} (16 bytes; migration V5), a plain UUID
 * string to everyone who reads it.
 */
public final class Uuid7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuid7() {
    }

    public static String next() {
        return next(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** Whether the text is a UUID in its canonical form (36 characters, hex digits and four dashes). */
    public static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char ch = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? ch != '-' : Character.digit(ch, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String next(long millis, long randA, long randB) {
        long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}

package io.smsbridge.db;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered keys: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds then random bits. New
 * rows land at the end of the primary-key index instead of on a random page, so a commit rewrites
 * a few B-tree pages, not one per row (H2 writes every changed page on commit; PostgreSQL's index
 * and WAL traffic shrinks the same way). Still a plain UUID string to everyone who reads it.
 */
public final class Uuid7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuid7() {
    }

    public static String next() {
        return next(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong());
    }

    static String next(long millis, long randA, long randB) {
        long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}

package io.smsbridge.store.db;

import java.sql.Connection;
import java.sql.SQLException;

/** What a committed transaction still needs before its callers may hear that it is durable. */
@FunctionalInterface
interface Durability {

    /** PostgreSQL: nothing; its COMMIT returns after the write-ahead log is flushed. */
    Durability COMMIT_IS_ENOUGH = c -> { };

    /** Embedded H2: COMMIT leaves the file's new bytes in the OS's cache; force them to disk. */
    Durability H2_FSYNC = H2File::sync;

    void afterCommit(Connection committed) throws SQLException;
}

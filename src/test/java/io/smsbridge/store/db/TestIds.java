package io.smsbridge.store.db;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Readable names for message ids in tests: the same UUID for the same name (ids are UUID columns). */
public final class TestIds {

    private TestIds() {
    }

    public static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

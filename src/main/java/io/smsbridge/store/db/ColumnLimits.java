package io.smsbridge.store.db;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sizes of the schema's text columns, read from the database after its migrations: the edges
 * refuse a value that would not fit (a 400 for the sender, where the database would fail the
 * transaction and the carrier would retry for an hour) by the same number the migrations wrote.
 */
public final class ColumnLimits {

    private final Map<String, Integer> sizes;

    ColumnLimits(Map<String, Integer> sizes) {
        this.sizes = Map.copyOf(sizes);
    }

    public static ColumnLimits read(Database db) {
        return db.withConnection(c -> {
            Map<String, Integer> sizes = new HashMap<>();
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), null, "%", "%")) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    if (type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR) {
                        String schema = String.valueOf(rs.getString("TABLE_SCHEM")).toLowerCase(Locale.ROOT);
                        if (schema.equals("public")) {
                            sizes.put(key(rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")),
                                    rs.getInt("COLUMN_SIZE"));
                        }
                    }
                }
            }
            return new ColumnLimits(sizes);
        });
    }

    /** Characters the column holds; fails for a column the schema does not have (a typo here is a bug). */
    public int of(String table, String column) {
        Integer size = sizes.get(key(table, column));
        if (size == null) {
            throw new IllegalStateException("the schema has no text column " + table + "." + column);
        }
        return size;
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }
}

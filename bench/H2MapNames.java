import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints "map id (hex) TAB table or index" for each map of an H2 database file, opened read-only:
 * H2 names its maps table.N / index.N after schema object ids that only its own API resolves.
 * Usage: java -cp h2.jar bench/H2MapNames.java path/to/sms-bridge (without .mv.db)
 */
public class H2MapNames {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[0] + ";ACCESS_MODE_DATA=r", "sa", "")) {
            var db = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase();
            Map<Integer, String> objects = new HashMap<>();
            for (var t : db.getAllTablesAndViews()) {
                for (var i : t.getIndexes()) {
                    objects.put(i.getId(), i.getName().toLowerCase() + " (" + t.getName().toLowerCase() + ")");
                }
            }
            MVStore store = db.getStore().getMvStore();
            for (String name : store.getMapNames()) {
                String object = name.matches("(table|index)\\.\\d+")
                        ? objects.getOrDefault(Integer.parseInt(name.substring(name.indexOf('.') + 1)), name) : name;
                System.out.println(Integer.toHexString(store.openMap(name).getId()) + "\t" + object);
            }
        }
    }
}

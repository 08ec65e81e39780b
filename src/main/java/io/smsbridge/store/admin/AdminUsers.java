package io.smsbridge.store.admin;

import io.smsbridge.core.secret.Hashes;
import io.smsbridge.core.secret.Passwords;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Organization admins (name, password as PBKDF2) and signed-in admins' sessions (token as SHA-256). */
public final class AdminUsers {

    public record User(String name, String organizationId, Instant createdAt) {
    }

    /** A signed-in admin; {@code organizationId} null for the operator. */
    public record Session(String name, String organizationId, Instant expiresAt) {
    }

    private final Database db;

    public AdminUsers(Database db) {
        this.db = db;
    }

    /** The organization admin with this name and password, or null (in the same time either way). */
    public User verify(String name, String password) {
        Object[] row = db.withConnection(c -> Sql.one(c, "SELECT name, organization_id, password_hash, created_at"
                + " FROM admin_users WHERE name = ?", rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getString(3), Database.instant(rs.getObject(4))}, name));
        boolean ok = Passwords.verify(password, row == null ? null : (String) row[2]);
        return ok ? new User((String) row[0], (String) row[1], (Instant) row[3]) : null;
    }

    public List<User> list(Connection c, String organizationId) throws SQLException {
        return Sql.list(c, "SELECT name, organization_id, created_at FROM admin_users WHERE organization_id = ?"
                + " ORDER BY name", rs -> new User(rs.getString(1), rs.getString(2), Database.instant(rs.getObject(3))),
                organizationId);
    }

    public boolean exists(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM admin_users WHERE name = ?", rs -> 1, name) != null;
    }

    public void create(Connection c, String name, String organizationId, String password, Instant now)
            throws SQLException {
        Sql.update(c, "INSERT INTO admin_users (name, organization_id, password_hash, created_at) VALUES (?, ?, ?, ?)",
                name, organizationId, Passwords.hash(password), now);
    }

    public boolean delete(Connection c, String organizationId, String name) throws SQLException {
        Sql.update(c, "DELETE FROM admin_sessions WHERE admin_name = ?", name);
        return Sql.update(c, "DELETE FROM admin_users WHERE name = ? AND organization_id = ?", name,
                organizationId) == 1;
    }

    /** Signs an admin in: a new random token, of which only the hash is kept. */
    public String startSession(String name, String organizationId, Duration ttl, Instant now) {
        String token = Passwords.randomToken(32);
        db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM admin_sessions WHERE expires_at < ?", now);
            return Sql.update(c, "INSERT INTO admin_sessions (token_sha256, admin_name, organization_id, expires_at)"
                    + " VALUES (?, ?, ?, ?)", Hashes.sha256(token), name, organizationId, now.plus(ttl));
        });
        return token;
    }

    /** The session of a token, or null when it is unknown or expired. */
    public Session session(String token, Instant now) {
        return db.withConnection(c -> Sql.one(c, "SELECT admin_name, organization_id, expires_at FROM admin_sessions"
                + " WHERE token_sha256 = ? AND expires_at > ?", rs -> new Session(rs.getString(1), rs.getString(2),
                Database.instant(rs.getObject(3))), Hashes.sha256(token), now));
    }

    public void endSession(String token) {
        db.inTransaction(c -> Sql.update(c, "DELETE FROM admin_sessions WHERE token_sha256 = ?", Hashes.sha256(token)));
    }
}

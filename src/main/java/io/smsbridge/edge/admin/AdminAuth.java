package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.store.admin.AdminUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Admin sign-in: the operator (name {@value #OPERATOR}, every organization) with the password of
 * {@code admin.operator-password}, or an organization's admin. A sign-in gives a bearer token
 * for {@code admin.session-ttl}. In demo mode (admin.demo=true) the operator may also use the demo
 * password; without demo mode that password is refused.
 */
public final class AdminAuth {

    public static final String OPERATOR = "operator";
    public static final String DEMO_PASSWORD = "sms-bridge-demo";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);

    private final AdminUsers users;
    private final String operatorPassword;
    private final boolean demo;
    private final Duration ttl;
    private final LoginThrottle throttle;

    public AdminAuth(AdminUsers users, String operatorPassword, boolean demo, Duration ttl, LoginThrottle throttle) {
        this.users = users;
        this.operatorPassword = operatorPassword == null || operatorPassword.isBlank() ? null : operatorPassword;
        this.demo = demo;
        this.ttl = ttl;
        this.throttle = throttle;
        if (this.operatorPassword != null && this.operatorPassword.length() < 12) {
            throw new IllegalArgumentException("admin.operator-password is shorter than 12 characters: use a long"
                    + " random password");
        }
        if (!demo && DEMO_PASSWORD.equals(this.operatorPassword)) {
            throw new IllegalArgumentException("admin.operator-password is the demo password, which only demo mode"
                    + " (admin.demo=true) accepts: set a password of your own");
        }
    }

    public boolean demo() {
        return demo;
    }

    /** Checks a name and password; answers the session's token, or refuses (401, 429 after repeated failures). */
    public ObjectNode login(String name, String password, String source) {
        throttle.check(source);
        Principal who = verify(name, password);
        if (who == null) {
            throttle.failed(source);
            LOG.warn("Admin sign-in refused for '{}' from {}", printable(name), source);
            throw Refusal.unauthorized("wrong name or password");
        }
        Instant now = Instant.now();
        String token = users.startSession(who.name(), who.organizationId(), ttl, now);
        LOG.info("Admin '{}' signed in from {}", who.name(), source);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("token", token);
        out.put("expires_at", now.plus(ttl).toString());
        out.put("name", who.name());
        out.put("role", who.isOperator() ? "operator" : "organization-admin");
        out.put("organization", who.organizationId());
        return out;
    }

    private Principal verify(String name, String password) {
        if (OPERATOR.equals(name)) {
            // both compared every time, in constant time: which one is set does not show in the timing
            boolean configured = Hashes.matches(operatorPassword == null ? "" : operatorPassword, password)
                    && operatorPassword != null;
            boolean demoPassword = Hashes.matches(DEMO_PASSWORD, password) && demo && operatorPassword == null;
            return configured || demoPassword ? new Principal(OPERATOR, null) : null;
        }
        AdminUsers.User u = users.verify(name, password);
        return u == null ? null : new Principal(u.name(), u.organizationId());
    }

    /** The admin of a bearer token, or 401. */
    public Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() <= 7) {
            throw Refusal.unauthorized("sign in first (POST /admin/v1/login) and send the token as"
                    + " 'Authorization: Bearer <token>'");
        }
        AdminUsers.Session s = users.session(authorization.substring(7).trim(), Instant.now());
        if (s == null) {
            throw Refusal.unauthorized("the admin session is unknown or has expired; sign in again");
        }
        return new Principal(s.name(), s.organizationId());
    }

    public void logout(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            users.endSession(authorization.substring(7).trim());
        }
    }

    private static String printable(String s) {
        return s == null ? "" : io.smsbridge.core.codec.FieldRules.printable(s, 64);
    }
}

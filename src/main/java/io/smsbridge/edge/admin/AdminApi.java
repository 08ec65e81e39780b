package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smsbridge.edge.http.ErrorResponses;
import io.smsbridge.edge.http.RawRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's one entry: each rest operation of 80-admin.camel.yaml hands its exchange here and
 * is told apart by its route id (the operation's id); sign-in aside, every operation needs an admin
 * session. The operations live in the resource classes, by what they manage.
 */
public final class AdminApi {

    private static final Set<String> OPEN = Set.of("admin-login");

    private final AdminAuth auth;
    private final Map<String, Operation> operations;

    public AdminApi(AdminAuth auth, Resources resources) {
        this.auth = auth;
        Map<String, Operation> ops = new HashMap<>();
        ops.put("admin-login", this::login);
        ops.put("admin-logout", call -> {
            auth.logout(call.authorization());
            return Answer.noContent();
        });
        ops.put("admin-me", call -> Answer.ok(JsonNodeFactory.instance.objectNode().put("name", call.principal().name())
                .put("role", call.principal().isOperator() ? "operator" : "organization-admin")
                .put("organization", call.principal().organizationId()).put("demo", auth.demo())));
        resources.directory().register(ops);
        resources.access().register(ops);
        resources.traffic().register(ops);
        this.operations = Collections.unmodifiableMap(ops);
    }

    /** The resource groups, built by the boot wiring. */
    public record Resources(DirectoryResources directory, AccessResources access, TrafficResources traffic) {
    }

    /** The ids of the operations this class answers (a test holds them to the route file's). */
    public Set<String> operationIds() {
        return operations.keySet();
    }

    public void handle(Exchange exchange) {
        String id = exchange.getFromRouteId();
        Operation op = operations.get(id);
        if (op == null) {
            throw new IllegalStateException("no admin operation '" + id + "' (a rest verb of the admin route file"
                    + " without its handler)");
        }
        RawRequest raw = RawRequest.of(exchange);
        Principal who = null;
        if (!OPEN.contains(id)) {
            who = auth.authenticate(raw.header("Authorization"));
        }
        respond(exchange, op.run(new AdminCall(who, raw, RawRequest.remoteAddress(exchange))));
    }

    private Answer login(AdminCall call) {
        JsonNode body = call.body(Set.of("name", "password"));
        return Answer.ok(auth.login(AdminCall.text(body, "name"), AdminCall.text(body, "password"), call.source()));
    }

    private static void respond(Exchange exchange, Answer a) {
        if (a.contentType() != null && a.contentType().startsWith("application/json")) {
            ErrorResponses.respond(exchange, a.status(), a.body());
            return;
        }
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, a.status());
        if (a.contentType() != null) {
            m.setHeader(Exchange.CONTENT_TYPE, a.contentType());
            if (a.contentType().startsWith("text/csv")) {
                m.setHeader("Content-Disposition", "attachment; filename=\"messages.csv\"");
            }
        }
        m.setBody(a.body());
    }
}

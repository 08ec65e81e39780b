package io.smsbridge.edge.admin;

import io.smsbridge.core.refusal.Refusal;

/** A signed-in admin: the operator ({@code organizationId} null, every organization) or one organization's. */
public record Principal(String name, String organizationId) {

    public boolean isOperator() {
        return organizationId == null;
    }

    /**
     * The organization named in the URL if this admin may see it; another organization answers 404 as
     * if it did not exist, so its ids do not leak.
     */
    public String organization(String id, java.util.function.Predicate<String> exists) {
        if (id == null || !(isOperator() || organizationId.equals(id)) || !exists.test(id)) {
            throw Refusal.notFound("no organization '" + id + "'");
        }
        return id;
    }

    public void requireOperator(String what) {
        if (!isOperator()) {
            throw Refusal.forbidden(what + " is for the operator's credential only");
        }
    }
}

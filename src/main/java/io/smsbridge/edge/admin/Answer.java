package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What an admin operation answers: a status, a content type and the body. */
public record Answer(int status, String contentType, String body) {

    public static Answer ok(JsonNode data) {
        return json(200, data);
    }

    public static Answer created(JsonNode data) {
        return json(201, data);
    }

    public static Answer json(int status, JsonNode data) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("data", data);
        return new Answer(status, "application/json", root.toString());
    }

    public static Answer noContent() {
        return new Answer(204, null, "");
    }
}

package io.smsbridge.edge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON error body every rejection carries: {@code {"error":{"code":…,"message":…}}}, with
 * {@code "field"} when one field of the request was at fault.
 */
public final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    public static String json(String code, String message, String field) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("code", code);
        err.put("message", message);
        if (field != null) {
            err.put("field", field);
        }
        return root.toString();
    }
}

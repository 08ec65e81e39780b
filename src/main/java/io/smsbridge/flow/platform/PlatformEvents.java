package io.smsbridge.flow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.core.phone.Address;
import io.smsbridge.core.phone.PhoneNumbers;

import java.util.List;

/**
 * The JSON the bridge posts to an organization's platform webhook (README "The two HTTP surfaces"), in the
 * platform's Messaging-API shape: {@code {"method": …, "params": {…}}}.
 */
public final class PlatformEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformEvents() {
    }

    /** An inbound text ({@code message}) or picture ({@code file}) for its recipients. */
    public static String inbound(String messageId, SmsNumber number, Address contact, String text,
            List<String> mediaUrls, List<String> recipients, boolean group, String conversationId) {
        return inbound(messageId, number, contact, text, mediaUrls, recipients, group, conversationId, null);
    }

    /** {@code keyword}: the opt-out keyword the message was (its params then carry "keyword": "stop"), or null. */
    public static String inbound(String messageId, SmsNumber number, Address contact, String text,
            List<String> mediaUrls, List<String> recipients, boolean group, String conversationId,
            io.smsbridge.core.optout.Keyword keyword) {
        ObjectNode params = JSON.createObjectNode();
        params.put("id", messageId);
        params.put("from", PhoneNumbers.format(contact, number.platformFormat()));
        params.put("to", PhoneNumbers.format(new Address(Address.Kind.PHONE, number.number()),
                number.platformFormat()));
        boolean file = mediaUrls != null && !mediaUrls.isEmpty();
        if (file) {
            params.put("text", text == null ? "" : text);
            params.put("url", mediaUrls.get(0));
            if (mediaUrls.size() > 1) {
                ArrayNode urls = params.putArray("urls");
                mediaUrls.forEach(urls::add);
            }
        } else {
            params.put("content", text);
        }
        ArrayNode r = params.putArray("recipients");
        for (String user : recipients) {
            int at = user.indexOf('@');
            ObjectNode u = r.addObject();
            u.put("extension", user.substring(0, at));
            u.put("domain", user.substring(at + 1));
        }
        params.put("group", group);
        if (keyword != null) {
            params.put("keyword", keyword.dbValue());
        }
        params.put("conversation", conversationId);
        if (number.displayName() != null) {
            params.put("display_name", number.displayName());
        }
        return envelope(file ? "file" : "message", params);
    }

    public static String delivered(String messageId) {
        ObjectNode params = JSON.createObjectNode();
        params.put("messageid", messageId);
        return envelope("delivered", params);
    }

    public static String failed(String messageId, String code, String reason) {
        ObjectNode params = JSON.createObjectNode();
        params.put("messageid", messageId);
        params.put("code", code);
        params.put("reason", reason);
        return envelope("failed", params);
    }

    private static String envelope(String method, ObjectNode params) {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", method);
        root.set("params", params);
        return root.toString();
    }
}

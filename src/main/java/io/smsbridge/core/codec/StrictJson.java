package io.smsbridge.core.codec;

import io.smsbridge.core.refusal.MalformedRequest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a JSON body once, strictly: valid UTF-8 (or the declared charset, decoded strictly), one
 * document and nothing after it, no key twice in an object, at most {@value #MAX_DEPTH} levels deep,
 * and no NUL or lone surrogate in any string. Errors say what is wrong in words of the request,
 * never the parser's.
 */
public final class StrictJson {

    static final int MAX_DEPTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The document, or null for an empty body. */
    public static JsonNode read(byte[] body, Charset charset) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = charset == null || charset.equals(StandardCharsets.UTF_8) ? JSON.readTree(body)
                    : JSON.readTree(strict(body, charset));
            if (node == null || node.isMissingNode()) {
                return null;
            }
            check(node, "");
            return node;
        } catch (StreamConstraintsException e) {
            throw new MalformedRequest(null, "the JSON is nested deeper than " + MAX_DEPTH + " levels");
        } catch (JsonEOFException e) {
            throw new MalformedRequest(null, "the JSON document ends early (truncated at byte "
                    + e.getLocation().getByteOffset() + ")");
        } catch (MismatchedInputException e) {
            throw new MalformedRequest(null, "there is text after the end of the JSON document; send one document");
        } catch (JsonParseException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Duplicate field")) {
                int q = m.indexOf('\'');
                String name = q < 0 ? "?" : m.substring(q + 1, m.indexOf('\'', q + 1));
                throw new MalformedRequest(name, "field '" + name + "' appears more than once in an object");
            }
            if (m.contains("UTF-8") || m.contains("UTF8")) {
                throw new MalformedRequest(null, "the body is not valid UTF-8 text");
            }
            throw new MalformedRequest(null, "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (CharConversionException e) {
            throw new MalformedRequest(null, "the body is not valid UTF-8 text");
        } catch (JsonProcessingException e) {
            throw new MalformedRequest(null, "the body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedRequest(null, "the body could not be read");
        }
    }

    /** The body as text of its charset, refusing bytes that are not valid in it. */
    public static String strict(byte[] body, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequest(null, "the body is not valid " + charset.name() + " text");
        }
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual()) {
            FieldRules.storable(path.isEmpty() ? "(the document)" : path, node.textValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                FieldRules.storable("(a field name)", f.getKey());
                check(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        }
    }
}

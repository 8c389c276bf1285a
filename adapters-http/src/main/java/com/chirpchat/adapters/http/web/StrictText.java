package com.chirpchat.adapters.http.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.domain.common.Text;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a request body's text must be before anything reads it: well-formed UTF-8 (RFC 3629: no overlong forms
 * such as {@code C0 AF} for '/', no encoded surrogates, nothing past U+10FFFF, nothing truncated), and, once
 * parsed, no JSON string or field name holding a lone surrogate ({@code "\ud800"}), which is no character at all
 * and which storage would silently turn into '?'. The JSON parser accepts both, so they are checked here.
 */
final class StrictText {
    private StrictText() {
    }

    static void requireUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the request body is not well-formed UTF-8");
        }
    }

    static void requireNoLoneSurrogates(JsonNode node) {
        if (node.isTextual()) {
            if (Text.hasLoneSurrogate(node.textValue())) {
                throw ProblemException.badRequest("the request body holds a lone surrogate (\\ud800-\\udfff not in a pair)");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (Text.hasLoneSurrogate(field.getKey())) {
                    throw ProblemException.badRequest("a field name holds a lone surrogate");
                }
                requireNoLoneSurrogates(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(StrictText::requireNoLoneSurrogates);
        }
    }
}

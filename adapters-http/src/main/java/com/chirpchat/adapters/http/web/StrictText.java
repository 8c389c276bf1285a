package com.chirpchat.adapters.http.web;

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
        if (!isUtf8(bytes)) {
            throw ProblemException.badRequest("the request body is not well-formed UTF-8");
        }
    }

    /**
     * Well-formed UTF-8 by the Unicode Standard's table 3-7 (what the JDK's decoder accepts when it reports errors),
     * checked in place: every request body passes here, and decoding it to chars only to throw them away cost a
     * decoder and a buffer per request.
     */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                if (b == 0xe0) {
                    lo = 0xa0; // no overlong forms
                } else if (b == 0xed) {
                    hi = 0x9f; // no encoded surrogates
                }
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                if (b == 0xf0) {
                    lo = 0x90; // no overlong forms
                } else if (b == 0xf4) {
                    hi = 0x8f; // nothing past U+10FFFF
                }
            } else {
                return false; // a continuation byte first, C0, C1, F5..FF
            }
            if (i + need >= n) {
                return false; // truncated
            }
            int second = bytes[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int next = bytes[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
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

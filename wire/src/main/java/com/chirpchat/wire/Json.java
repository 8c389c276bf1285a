package com.chirpchat.wire;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one configured Jackson mapper (thread-safe, shared). */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // written straight to UTF-8 (frames, replies), a character beyond U+FFFF is its four bytes, as it is when
            // the text is written first and then encoded, not a pair of \\u escapes: one output, byte for byte
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    static {
        // small documents only: refuse pathological nesting and huge numbers/strings early
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                                                             .maxNestingDepth(32)
                                                             .maxNumberLength(64)
                                                             .maxStringLength(1_000_000)
                                                             .build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}

package com.chirpchat.adapters.redis;

import java.nio.ByteBuffer;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Channel names as UTF-8 strings, messages as the bytes Redis holds ({@link Envelope}s): nothing is decoded to text
 * on lettuce's event loop. A message this fanout published itself (its echo, already delivered locally) is told by its
 * first bytes and comes out as {@link #OWN}, without even being copied.
 */
final class EnvelopeCodec implements RedisCodec<String, byte[]> {
    /** What an echo of this fanout's own message decodes to (compare by identity). */
    static final byte[] OWN = new byte[0];

    private final byte[] ownPrefix;

    EnvelopeCodec(String origin) {
        this.ownPrefix = Envelope.ownPrefix(origin);
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return StringCodec.UTF8.decodeKey(bytes);
    }

    @Override
    public byte[] decodeValue(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        int length = bytes.remaining();
        if (length >= ownPrefix.length
                && bytes.slice(bytes.position(), ownPrefix.length).equals(ByteBuffer.wrap(ownPrefix))) {
            bytes.position(bytes.limit());
            return OWN;
        }
        byte[] copy = new byte[length];
        bytes.get(copy);
        return copy;
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return StringCodec.UTF8.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(byte[] value) {
        return value == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(value);
    }
}

package com.chirpchat.adapters.http.ws;

/**
 * Puts a client's fragmented messages back together and enforces the size cap on the whole message, fragments
 * counted together (UTF-8 bytes for text). Read side only: Helidon calls it on the connection's one thread.
 */
final class FrameAssembler {
    /** What a fragment completed. */
    sealed interface Assembled {
    }

    /** More fragments follow. */
    record Partial() implements Assembled {
    }

    /** A whole text message. */
    record Text(String text) implements Assembled {
    }

    /** A whole binary message (its content is of no interest: clients speak JSON text). */
    record Binary() implements Assembled {
    }

    /** The message is over the cap; what was gathered is forgotten. */
    record TooBig() implements Assembled {
    }

    private final long maxBytes;
    private StringBuilder fragments;
    private long fragmentBytes;
    private long binaryBytes;

    FrameAssembler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Assembled text(String fragment, boolean last) {
        long size = fragmentBytes + ClientFrame.utf8Length(fragment);
        if (size > maxBytes) {
            fragments = null;
            fragmentBytes = 0;
            return new TooBig();
        }
        if (!last) {
            if (fragments == null) {
                fragments = new StringBuilder();
            }
            fragments.append(fragment);
            fragmentBytes = size;
            return new Partial();
        }
        String message = fragments == null ? fragment : fragments.append(fragment).toString();
        fragments = null;
        fragmentBytes = 0;
        return new Text(message);
    }

    Assembled binary(int bytes, boolean last) {
        binaryBytes += bytes;
        if (binaryBytes > maxBytes) {
            binaryBytes = 0;
            return new TooBig();
        }
        if (!last) {
            return new Partial();
        }
        binaryBytes = 0;
        return new Binary();
    }
}

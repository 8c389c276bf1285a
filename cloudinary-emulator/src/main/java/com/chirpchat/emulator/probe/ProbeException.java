package com.chirpchat.emulator.probe;

/** A file that is not what it was uploaded as, or that cannot be examined; the message suits a client. */
public final class ProbeException extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean serverSide;

    public ProbeException(String message, boolean serverSide) {
        super(message);
        this.serverSide = serverSide;
    }

    /** @return true when the emulator, not the file, is at fault (e.g. ffprobe missing) */
    public boolean serverSide() {
        return serverSide;
    }
}

package com.chirpchat.emulator.ffmpeg;

/** An ffmpeg/ffprobe run that failed, timed out or could not start; the message is fit for a client. */
public final class FfmpegException extends Exception {

    private static final long serialVersionUID = 1L;

    public FfmpegException(String message) {
        super(message);
    }
}

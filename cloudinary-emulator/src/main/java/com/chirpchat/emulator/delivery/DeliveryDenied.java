package com.chirpchat.emulator.delivery;

/** A delivery request refused; {@code reason} goes into {@code X-Cld-Error}. */
final class DeliveryDenied extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    DeliveryDenied(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}

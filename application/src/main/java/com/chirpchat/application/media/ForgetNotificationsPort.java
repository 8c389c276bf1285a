package com.chirpchat.application.media;

import java.time.Instant;

/** Keeps the record of handled media store notifications from growing forever. */
public interface ForgetNotificationsPort {
    /** Forgets notifications handled before {@code cutoff}; returns how many. */
    int forgetNotificationsBefore(Instant cutoff);
}

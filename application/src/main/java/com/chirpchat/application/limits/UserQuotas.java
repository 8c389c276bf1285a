package com.chirpchat.application.limits;

import java.time.Duration;

import com.chirpchat.domain.user.UserId;

/**
 * What one user may use up: posts per window, and upload signatures per day by count and by bytes. A request is
 * checked against what is left before the work and counted once it created something, so a retry of the same post
 * or upload (same {@code clientMessageId}) is never charged; while a quota is used up, retries wait like anything
 * else. Two instances checking at the same moment may together overshoot by what they admitted at once.
 */
public final class UserQuotas {
    private static final UserQuotas NONE = new UserQuotas(null, null);

    private final RateLimiter limiter;
    private final Limits limits;

    private UserQuotas(RateLimiter limiter, Settings settings) {
        this.limiter = limiter;
        this.limits = settings == null ? null : new Limits(
                new RateLimit("posts-u", settings.posts(), settings.postWindow()),
                new RateLimit("uploads-u", settings.uploads(), settings.uploadWindow()),
                new RateLimit("upload-bytes-u", settings.uploadBytes(), settings.uploadWindow()));
    }

    public static UserQuotas of(RateLimiter limiter, Settings settings) {
        return new UserQuotas(limiter, settings);
    }

    /** No quotas (tests of other things). */
    public static UserQuotas none() {
        return NONE;
    }

    /**
     * @param posts       text messages per {@code postWindow}
     * @param uploads     upload signatures per {@code uploadWindow}
     * @param uploadBytes bytes those uploads may declare (or, undeclared, their type's largest size) per {@code uploadWindow}
     */
    public record Settings(long posts, Duration postWindow, long uploads, long uploadBytes, Duration uploadWindow) {
        public static Settings defaults() {
            return new Settings(60, Duration.ofMinutes(1), 500, 5L * 1024 * 1024 * 1024, Duration.ofDays(1));
        }
    }

    /** Refuses (RATE_LIMITED) while one more post would not fit the user's quota. */
    public void checkPost(UserId user) {
        if (limiter != null) {
            limiter.check(limits.posts, user.toString(), 1, "you are posting too fast; try again later");
        }
    }

    /** Counts a post that was stored (not a retry). */
    public void countPost(UserId user) {
        if (limiter != null) {
            limiter.record(limits.posts, user.toString(), 1);
        }
    }

    /** Refuses (RATE_LIMITED) while one more upload of {@code bytes} would not fit the user's daily quotas. */
    public void checkUpload(UserId user, long bytes) {
        if (limiter != null) {
            limiter.check(limits.uploads, user.toString(), 1, "you have requested too many uploads today; try again later");
            limiter.check(limits.uploadBytes, user.toString(), bytes,
                          "this upload would exceed your daily upload volume; try again later");
        }
    }

    /** Counts an upload that was placed (not a retry). */
    public void countUpload(UserId user, long bytes) {
        if (limiter != null) {
            limiter.record(limits.uploads, user.toString(), 1);
            limiter.record(limits.uploadBytes, user.toString(), bytes);
        }
    }

    private record Limits(RateLimit posts, RateLimit uploads, RateLimit uploadBytes) {
    }
}

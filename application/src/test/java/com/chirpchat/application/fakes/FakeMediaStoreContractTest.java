package com.chirpchat.application.fakes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.chirpchat.application.contract.MediaStoreContract;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.SignedUpload;

/** The fake media store keeps the contract the Cloudinary adapter keeps, or media tests on it would prove nothing. */
class FakeMediaStoreContractTest extends MediaStoreContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final FakeMediaStore store = new FakeMediaStore(clock);

    @Override
    protected MediaStore store() {
        return store;
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    @Override
    protected boolean upload(SignedUpload signed, String fileName, byte[] file) {
        return store.upload(signed, fileName, file);
    }

    @Override
    protected RawNotification awaitNotification(String assetKey, Sent kind) {
        // the fake sends as it takes the upload: nothing to wait for
        String marker = (kind == Sent.UPLOAD ? "upload:" : "eager:") + assetKey + "#";
        return store.sent.stream().filter(raw -> new String(raw.body(), StandardCharsets.UTF_8).startsWith(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " notification about " + assetKey + " in " + store.sent));
    }

    @Override
    protected RawNotification signedAt(byte[] body, Instant at) {
        return store.signedAt(body, at.getEpochSecond());
    }

    @Override
    protected boolean serves(URI url) {
        return store.serves(url);
    }

    @Override
    protected void passTime(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant).plusMillis(1));
    }
}

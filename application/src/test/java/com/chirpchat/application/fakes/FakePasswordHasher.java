package com.chirpchat.application.fakes;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.account.PasswordHasher;
import com.chirpchat.domain.user.Password;

/** A reversible stand-in for a real hasher, counting verifications (to check that decoys are used). */
public final class FakePasswordHasher implements PasswordHasher {
    public final AtomicInteger verifications = new AtomicInteger();
    public final AtomicInteger hashes = new AtomicInteger();

    @Override
    public String hash(Password password) {
        hashes.incrementAndGet();
        return digest(password);
    }

    @Override
    public boolean verify(Password password, String hash) {
        verifications.incrementAndGet();
        return hash.equals(digest(password));
    }

    private static String digest(Password password) {
        return "fake-hash:" + new StringBuilder(password.reveal()).reverse();
    }

    @Override
    public String decoyHash() {
        return "fake-hash:" + UUID.randomUUID();
    }
}

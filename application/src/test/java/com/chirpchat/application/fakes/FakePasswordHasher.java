package com.chirpchat.application.fakes;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.account.PasswordHasher;
import com.chirpchat.domain.user.Password;

/** A reversible stand-in for a real hasher, counting verifications (to check that decoys are used). */
public final class FakePasswordHasher implements PasswordHasher {
    public final AtomicInteger verifications = new AtomicInteger();

    @Override
    public String hash(Password password) {
        return "fake-hash:" + new StringBuilder(password.reveal()).reverse();
    }

    @Override
    public boolean verify(Password password, String hash) {
        verifications.incrementAndGet();
        return hash.equals(hash(password));
    }

    @Override
    public String decoyHash() {
        return "fake-hash:" + UUID.randomUUID();
    }
}

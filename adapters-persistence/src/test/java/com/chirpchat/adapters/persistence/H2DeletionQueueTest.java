package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** Instances of the embedded database are pools on one H2 file in this JVM (H2 shares the open database). */
class H2DeletionQueueTest extends DeletionQueueTest {
    @TempDir
    static Path dataDirs;

    @Override
    TestDatabase freshDatabase() {
        return H2TestDatabase.freshIn(dataDirs);
    }
}

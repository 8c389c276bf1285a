package com.chirpchat.adapters.persistence;

/** Instances of the embedded database are pools on one H2 file in this JVM (H2 shares the open database). */
class H2DeletionQueueTest extends DeletionQueueTest {
    @Override
    TestDatabase freshDatabase() {
        return H2TestDatabase.temporary();
    }
}

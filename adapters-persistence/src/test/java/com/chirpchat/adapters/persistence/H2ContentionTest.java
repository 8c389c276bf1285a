package com.chirpchat.adapters.persistence;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class H2ContentionTest extends ContentionTest {
    @Override
    TestDatabase freshDatabase() {
        return H2TestDatabase.temporary();
    }

    @Test
    void everyPooledSessionHasItsLockTimeout() {
        Persistence persistence = instance(Map.of("lock-timeout", "PT1.5S"));
        assertThat(persistence.dbClient().execute().createQuery("SELECT LOCK_TIMEOUT() AS t").execute()
                           .map(row -> row.column("t").get(Integer.class)).findFirst()).hasValue(1500);
    }
}

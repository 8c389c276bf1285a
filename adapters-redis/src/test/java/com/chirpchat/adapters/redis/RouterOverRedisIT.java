package com.chirpchat.adapters.redis;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's real router on three instances sharing storage and Redis: they behave as one server. */
class RouterOverRedisIT {
    @BeforeAll
    static void redis() {
        RedisSupport.requireRedis();
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void everyConnectionGetsEveryEventOfItsChatsOnceInOrderWhoeverPostsWhere(boolean sharded) throws Exception {
        String prefix = RedisSupport.uniquePrefix();
        try (ChatScenario scenario = new ChatScenario(name -> RedisSupport.settings(RedisSupport.URI, prefix, sharded, name))) {
            scenario.run(100, 0, () -> { });

            scenario.verify();
            assertThat(scenario.totalPosts()).isGreaterThanOrEqualTo(600);
            for (Instance instance : scenario.instances) {
                assertThat(instance.fanout.dropped()).isZero();
                assertThat(instance.fanout.received()).as("events came through Redis").isPositive();
            }
        }
    }
}

package com.chirpchat.architecture;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The module descriptors keep the rules of ARCHITECTURE.md. */
class ModuleDescriptorTest {
    private static Map<String, ModuleDescriptor> modules;

    @BeforeAll
    static void findModules() {
        modules = ModuleRules.projectModules();
    }

    @Test
    void everyMainModuleHasADescriptor() {
        assertThat(modules).containsKeys("com.chirpchat.domain", "com.chirpchat.application", "com.chirpchat.wire",
                                         "com.chirpchat.adapters.http", "com.chirpchat.adapters.persistence",
                                         "com.chirpchat.adapters.inprocess", "com.chirpchat.adapters.redis",
                                         "com.chirpchat.adapters.cloudinary",
                                         "com.chirpchat.emulator", "com.chirpchat.bootstrap");
    }

    @Test
    void theDomainRequiresNothing() {
        assertThat(ModuleRules.requiresOnly(modules.get("com.chirpchat.domain"))).isEmpty();
    }

    @Test
    void theApplicationRequiresOnlyTheDomain() {
        assertThat(ModuleRules.requiresOnly(modules.get("com.chirpchat.application"), "com.chirpchat.domain")).isEmpty();
    }

    @Test
    void wireRequiresOnlyTheDomainAndJackson() {
        assertThat(ModuleRules.requiresOnly(modules.get("com.chirpchat.wire"), "com.chirpchat.domain",
                                            "com.fasterxml.jackson.databind")).isEmpty();
    }

    @Test
    void adaptersExportOnlyToBootstrapAndRequireNoOtherAdapter() {
        List<String> violations = new ArrayList<>();
        modules.values().stream()
                .filter(m -> m.name().startsWith(ModuleRules.ADAPTER_PREFIX))
                .forEach(m -> violations.addAll(ModuleRules.adapterIsSealed(m)));
        assertThat(modules.keySet().stream().filter(n -> n.startsWith(ModuleRules.ADAPTER_PREFIX))).hasSize(5);
        assertThat(violations).isEmpty();
    }
}

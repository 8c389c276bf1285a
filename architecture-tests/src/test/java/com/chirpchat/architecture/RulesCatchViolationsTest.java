package com.chirpchat.architecture;

import java.lang.module.ModuleDescriptor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule fails on a deliberately broken fixture and names the offender, so a passing rule means something. */
class RulesCatchViolationsTest {
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages("com.chirpchat.archfixture");
        assertThat(fixtures).isNotEmpty();
    }

    @Test
    void aCoreClassUsingJdbcIsCaught() {
        EvaluationResult result = Rules.noFrameworkIn("com.chirpchat.archfixture.framework..").evaluate(fixtures);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("UsesJdbc").contains("java.sql");
    }

    @Test
    void aDomainClassReachingOutIsCaught() {
        EvaluationResult result = Rules.domainDependsOnNothing("com.chirpchat.archfixture.adapters.one..").evaluate(fixtures);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("CallsTwo");
    }

    @Test
    void anAdapterCallingAnotherIsCaught() {
        EvaluationResult result = Rules.adaptersIndependent("com.chirpchat.archfixture.adapters.(*)..").evaluate(fixtures);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("CallsTwo").contains("Two");
    }

    @Test
    void aPackageCycleIsCaught() {
        EvaluationResult result = Rules.noPackageCycles("com.chirpchat.archfixture.cycle.(*)..").evaluate(fixtures);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("PingA").contains("PongB");
    }

    @Test
    void aPersistenceClassBuildingEventsIsCaughtAndOneStoringThemIsNot() {
        EvaluationResult result = Rules.persistenceBuildsNoEvents("com.chirpchat.archfixture.persistence.builds..").evaluate(fixtures);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("BuildsEvents").contains("ChatEvent.<init>").contains("EventData$MessageDeleted.<init>")
                .contains("ReferencesAnEventConstructor");
        assertThat(Rules.persistenceBuildsNoEvents("com.chirpchat.archfixture.persistence.stores..").evaluate(fixtures).hasViolation())
                .as("keeping the log form and replaying it is storing, not deciding").isFalse();
    }

    @Test
    void anUnqualifiedAdapterExportIsCaught() {
        ModuleDescriptor leaky = ModuleDescriptor.newModule("com.chirpchat.adapters.leaky")
                .exports("com.chirpchat.adapters.leaky")
                .requires("com.chirpchat.adapters.other")
                .build();
        assertThat(ModuleRules.adapterIsSealed(leaky))
                .anySatisfy(v -> assertThat(v).contains("exports com.chirpchat.adapters.leaky to everyone"))
                .anySatisfy(v -> assertThat(v).contains("requires com.chirpchat.adapters.other"));
        ModuleDescriptor sealed = ModuleDescriptor.newModule("com.chirpchat.adapters.fine")
                .exports(java.util.Set.of(), "com.chirpchat.adapters.fine", java.util.Set.of(ModuleRules.BOOTSTRAP))
                .build();
        assertThat(ModuleRules.adapterIsSealed(sealed)).isEmpty();
    }

    @Test
    void aCoreModuleRequiringMoreIsCaught() {
        ModuleDescriptor greedy = ModuleDescriptor.newModule("com.chirpchat.domain").requires("java.sql").build();
        assertThat(ModuleRules.requiresOnly(greedy)).singleElement().asString().contains("requires java.sql");
    }
}

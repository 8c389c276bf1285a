package com.chirpchat.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The production code keeps the rules of ARCHITECTURE.md. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/archfixture/"))
                .importPackages("com.chirpchat");
        // a rule over nothing proves nothing: make sure every layer was really imported
        for (String pkg : new String[] {"com.chirpchat.domain", "com.chirpchat.application", "com.chirpchat.wire",
                "com.chirpchat.adapters.http", "com.chirpchat.adapters.persistence", "com.chirpchat.adapters.inprocess",
                "com.chirpchat.adapters.redis", "com.chirpchat.adapters.cloudinary", "com.chirpchat.emulator",
                "com.chirpchat.bootstrap"}) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of " + pkg + " are on the test class path").isTrue();
        }
    }

    @Test
    void domainAndApplicationUseNoFramework() {
        Rules.noFrameworkIn("com.chirpchat.domain..", "com.chirpchat.application..").check(production);
    }

    @Test
    void domainDependsOnNothing() {
        Rules.domainDependsOnNothing("com.chirpchat.domain..").check(production);
    }

    @Test
    void applicationDependsOnlyOnDomain() {
        Rules.applicationDependsOnlyOnDomain("com.chirpchat.application..", "com.chirpchat.domain..").check(production);
    }

    @Test
    void adaptersAreIndependent() {
        Rules.adaptersIndependent("com.chirpchat.adapters.(*)..").check(production);
    }

    @Test
    void adaptersIgnoreTheMediaServiceItIsOnlyAnotherServer() {
        noClasses().that().resideInAPackage("com.chirpchat.adapters..")
                .should().dependOnClassesThat().resideInAPackage("com.chirpchat.emulator..")
                .check(production);
        noClasses().that().resideInAPackage("com.chirpchat.emulator..")
                .should().dependOnClassesThat().resideInAnyPackage("com.chirpchat.domain..", "com.chirpchat.application..",
                                                                   "com.chirpchat.adapters..", "com.chirpchat.wire..")
                .because("the local media service stands in for Cloudinary and knows nothing of ChirpChat")
                .check(production);
    }

    @Test
    void wireKnowsOnlyTheDomain() {
        noClasses().that().resideInAPackage("com.chirpchat.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("com.chirpchat.application..", "com.chirpchat.adapters..",
                                                                   "com.chirpchat.bootstrap..", "io.helidon..")
                .check(production);
    }

    @Test
    void persistenceConstructsNoDomainEvents() {
        Rules.persistenceBuildsNoEvents("com.chirpchat.adapters.persistence..").check(production);
    }

    @Test
    void onlyBootstrapSeesBootstrap() {
        Rules.onlyBootstrapSeesBootstrap("com.chirpchat.bootstrap..").check(production);
    }

    @Test
    void noCyclesBetweenPackages() {
        Rules.noPackageCycles("com.chirpchat.(**)").check(production);
    }
}

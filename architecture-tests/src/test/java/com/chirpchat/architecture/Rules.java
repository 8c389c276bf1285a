package com.chirpchat.architecture;

import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of ARCHITECTURE.md as ArchUnit rules, parameterised by package so each can also be shown to fail on a
 * deliberately broken fixture. ArchUnit names every offending class in its report.
 */
final class Rules {
    /** Framework, driver and library packages the core must never see. */
    static final String[] FRAMEWORKS = {
            "io.helidon..", "com.cloudinary..", "io.lettuce..", "io.netty..", "java.sql..", "javax.sql..", "jakarta..",
            "javax.inject..", "com.fasterxml..", "org.flywaydb..", "org.h2..", "org.postgresql..", "com.zaxxer..",
            "com.password4j.."
    };

    private Rules() {
    }

    static ArchRule noFrameworkIn(String... corePackages) {
        return noClasses().that().resideInAnyPackage(corePackages)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("domain and application are plain Java; frameworks and drivers live in adapters");
    }

    static ArchRule domainDependsOnNothing(String domainPackage) {
        return classes().that().resideInAPackage(domainPackage)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domainPackage, "java..")
                .because("the domain depends on nothing but java.base");
    }

    static ArchRule applicationDependsOnlyOnDomain(String applicationPackage, String domainPackage) {
        return classes().that().resideInAPackage(applicationPackage)
                .should().onlyDependOnClassesThat().resideInAnyPackage(applicationPackage, domainPackage, "java..")
                .because("the application sees the domain and its own ports, nothing else");
    }

    /** {@code adaptersPattern} like {@code com.chirpchat.adapters.(*)..}: each captured name is one adapter. */
    static ArchRule adaptersIndependent(String adaptersPattern) {
        return slices().matching(adaptersPattern)
                .should().notDependOnEachOther()
                .because("adapters never depend on each other; only bootstrap sees more than one");
    }

    static ArchRule onlyBootstrapSeesBootstrap(String bootstrapPackage) {
        return noClasses().that().resideOutsideOfPackage(bootstrapPackage)
                .should().dependOnClassesThat().resideInAPackage(bootstrapPackage)
                .because("bootstrap is the outermost layer");
    }

    /** {@code pattern} like {@code com.chirpchat.(**)}: every package is a slice. */
    static ArchRule noPackageCycles(String pattern) {
        return slices().matching(pattern).should().beFreeOfCycles();
    }

    /**
     * Persistence stores the events the domain decided and numbered; it never makes one, by constructor call or
     * constructor reference. (Reading the log back it hands the domain its reference form: {@code LoggedEvent.replay}.)
     */
    static ArchRule persistenceBuildsNoEvents(String persistencePackage) {
        return noClasses().that().resideInAPackage(persistencePackage)
                .should().accessTargetWhere(CONSTRUCTS_AN_EVENT)
                .because("the domain decides what happened and numbers it; persistence stores what it is given");
    }

    private static final DescribedPredicate<JavaAccess<?>> CONSTRUCTS_AN_EVENT = DescribedPredicate.describe(
            "a constructor of a domain event type (ChatEvent, EventData)",
            access -> (access.getTarget() instanceof AccessTarget.ConstructorCallTarget
                       || access.getTarget() instanceof AccessTarget.ConstructorReferenceTarget)
                      && (access.getTargetOwner().isAssignableTo(ChatEvent.class)
                          || access.getTargetOwner().isAssignableTo(EventData.class)));
}

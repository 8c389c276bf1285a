package com.chirpchat.architecture;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks on module-info descriptors, which ArchUnit cannot see: what a module requires and what it exports.
 * Each check returns the violations, each naming the module and the offending directive.
 */
final class ModuleRules {
    static final String BOOTSTRAP = "com.chirpchat.bootstrap";
    static final String ADAPTER_PREFIX = "com.chirpchat.adapters.";

    private ModuleRules() {
    }

    /** The project's module descriptors found on the class path (jars or class directories with a module-info). */
    static Map<String, ModuleDescriptor> projectModules() {
        Map<String, ModuleDescriptor> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean modular = Files.isDirectory(path) ? Files.exists(path.resolve("module-info.class")) : entry.endsWith(".jar");
            if (!modular || !Files.exists(path)) {
                continue;
            }
            for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
                ModuleDescriptor descriptor = ref.descriptor();
                if (descriptor.name().startsWith("com.chirpchat.") && !descriptor.isAutomatic()) {
                    found.put(descriptor.name(), descriptor);
                }
            }
        }
        return found;
    }

    /** The module requires nothing outside {@code allowed} (java.base is always allowed). */
    static List<String> requiresOnly(ModuleDescriptor module, String... allowed) {
        Set<String> ok = Set.copyOf(Arrays.asList(allowed));
        List<String> violations = new ArrayList<>();
        for (ModuleDescriptor.Requires requires : module.requires()) {
            if (!requires.name().equals("java.base") && !ok.contains(requires.name())) {
                violations.add(module.name() + " requires " + requires.name() + ", allowed only " + ok);
            }
        }
        return violations;
    }

    /** An adapter exports nothing, or exports only to bootstrap, and requires no other adapter or bootstrap. */
    static List<String> adapterIsSealed(ModuleDescriptor module) {
        List<String> violations = new ArrayList<>();
        for (ModuleDescriptor.Exports export : module.exports()) {
            if (!export.isQualified() || !export.targets().equals(Set.of(BOOTSTRAP))) {
                violations.add(module.name() + " exports " + export.source()
                                       + (export.isQualified() ? " to " + export.targets() : " to everyone")
                                       + "; adapters export only to " + BOOTSTRAP);
            }
        }
        for (ModuleDescriptor.Opens opens : module.opens()) {
            if (!opens.isQualified()) {
                violations.add(module.name() + " opens " + opens.source() + " to everyone");
            }
        }
        if (module.isOpen()) {
            violations.add(module.name() + " is an open module");
        }
        for (ModuleDescriptor.Requires requires : module.requires()) {
            String name = requires.name();
            if ((name.startsWith(ADAPTER_PREFIX) && !name.equals(module.name())) || name.equals(BOOTSTRAP)) {
                violations.add(module.name() + " requires " + name + "; adapters never depend on each other");
            }
        }
        return violations;
    }
}

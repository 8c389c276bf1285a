package com.chirpchat.adapters.persistence.migration;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import com.chirpchat.adapters.persistence.db.PersistenceException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Flyway resources read through {@link Class#getResourceAsStream}: a class may always read its own module's
 * resources, on the class path and on the module path alike, which is what makes this work where Flyway's own
 * scanner does not.
 */
final class ModuleResources implements ResourceProvider {
    private final Class<?> anchor;
    private final List<String> names;

    /** The resources {@code names}, in {@code anchor}'s package. */
    ModuleResources(Class<?> anchor, List<String> names) {
        this.anchor = anchor;
        this.names = List.copyOf(names);
    }

    @Override
    public LoadableResource getResource(String name) {
        // Flyway asks for names relative to a location; ours has one flat folder
        String file = name.substring(name.lastIndexOf('/') + 1);
        return names.contains(file) ? new Script(file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return names.stream()
                .filter(n -> n.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(n::endsWith))
                .<LoadableResource>map(Script::new)
                .toList();
    }

    private final class Script extends LoadableResource {
        private final String name;

        private Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = anchor.getResourceAsStream(name);
            if (in == null) {
                throw new PersistenceException("migration script " + getAbsolutePath() + " is missing from the module");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return anchor.getPackageName().replace('.', '/') + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}

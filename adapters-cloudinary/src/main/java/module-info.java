/**
 * The media-store out-port on Cloudinary's Java SDK: upload signatures, notification verification, expiring
 * delivery URLs and destroy. Only {@code bootstrap} sees the entry point
 * ({@link com.chirpchat.adapters.cloudinary.CloudinaryMediaStore}).
 */
@SuppressWarnings("module") // bootstrap, the target of the qualified export, is built after this module
module com.chirpchat.adapters.cloudinary {
    requires transitive com.chirpchat.application;
    requires cloudinary.core;
    // the SDK loads its HTTP layer by class name (StrategyLoader): nothing requires it unless we do
    requires cloudinary.http5;
    // the Apache HTTP client under it (an automatic module too) logs through SLF4J, an explicit module that no
    // automatic module can make the module system resolve: without this, NoClassDefFoundError at the first call
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports com.chirpchat.adapters.cloudinary to com.chirpchat.bootstrap;
}

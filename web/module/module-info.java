/**
 * The reference web client's built files (the npm build's dist/), as resources under {@code META-INF/chirpchat/web}.
 * The module has no packages: those resources are in no package, so every module may read them, and bootstrap
 * serves them at {@code /}. A named module rather than a plain jar so that it resolves on the module path under
 * this name from a directory (target/classes) as well as from its jar.
 */
module com.chirpchat.web {
}

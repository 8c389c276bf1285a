// Stands in for the real bootstrap: the adapter exports its entry point to this module name only.
module com.chirpchat.bootstrap {
    requires com.chirpchat.adapters.cloudinary;
}

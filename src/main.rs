//! The standalone page: only mounts. Built with feature `embed`, it is the
//! embed bundle instead, which leaves mounting to the host's `mount()`
//! (src/embed.rs). As a binary it measured 8 KB brotli smaller than the lib
//! built as a cdylib.

fn main() {
    #[cfg(not(feature = "embed"))]
    kratos_sessions::mount_standalone();
    // A binary links its library only if it uses it; this keeps `mount()`
    // and the rest of the exports in the module.
    #[cfg(feature = "embed")]
    std::hint::black_box(kratos_sessions::embed::mount as fn(_, _) -> _);
}

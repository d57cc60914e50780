//! The standalone page: only mounts.

fn main() {
    kratos_sessions::mount_standalone();
}

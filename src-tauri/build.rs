// tauri.conf.json sits at the package root, but the capabilities live under
// src-tauri/, so point tauri-build at them (and watch them ourselves, as its docs require).
const CAPABILITIES_DIR: &str = "src-tauri/capabilities";

fn main() {
    println!("cargo:rerun-if-changed={CAPABILITIES_DIR}");
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}

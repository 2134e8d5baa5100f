//! Seeded hostile inputs for every parser and the runners that feed them
//! through the real code (issue 14), shared by the test suite (a few thousand
//! inputs) and `litopys-bench fuzz` / `fuzz-bundle` (10^6). They sit on the
//! top floor, beside the use cases, because they drive the importers, the
//! bundle merge and the demo library from above.

pub mod bundle;
pub mod hostile;
pub mod import;

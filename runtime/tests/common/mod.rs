//! Shared by the runtime's integration tests.

use proptest::prelude::ProptestConfig;

/// `cases` generated inputs natively. Under Miri, which interprets every instruction and
/// isolates the file system (where proptest records failing seeds): 4, not recorded.
pub fn proptest_config(cases: u32) -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig {
            cases: 4,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    } else {
        ProptestConfig::with_cases(cases)
    }
}

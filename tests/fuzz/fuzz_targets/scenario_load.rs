//! Fuzzes the scenario loader: whatever the text, `load_str` returns, and never panics.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vpc_playground::scenario::load_str;

fuzz_target!(|text: &str| {
    if let Ok(loaded) = load_str(text) {
        // A scenario that loads is normalized and valid: loading what it saves gives it back.
        let json = serde_json::to_string(&loaded.scenario).expect("a scenario serializes");
        let again = load_str(&json).expect("a loaded scenario loads again");
        assert_eq!(again.scenario, loaded.scenario);
    }
});

//! Share links: decoding any text must never panic, never allocate past the limits, and a
//! scenario that decodes and loads must survive a new link unchanged; the flow list (`f=`) of
//! any text reads without panicking, and what it reads survives a new list unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpc_playground::{scenario, share};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let flows = share::decode_flows(text);
    assert!(flows.len() <= share::MAX_LINK_FLOWS);
    assert_eq!(share::decode_flows(&share::encode_flows(&flows)), flows);
    let Ok(parts) = share::decode_link(text) else {
        return;
    };
    assert!(parts.scenario_json.len() <= share::MAX_DECODED_BYTES);
    if let Ok(loaded) = scenario::load_str(&parts.scenario_json) {
        let json = serde_json::to_string(&loaded.scenario).expect("a scenario serializes");
        let again = share::decode_link(&share::encode_fragment(&json, &[])).expect("own link");
        assert_eq!(again.scenario_json, json);
    }
});

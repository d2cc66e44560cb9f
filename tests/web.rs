//! Browser tests of the app shell (wasm only): run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use vpc_playground::ui;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh app into a new element of the page and waits until Yew has rendered it.
async fn mounted_app() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    std::mem::forget(ui::mount(root.clone()));
    yew::platform::time::sleep(Duration::from_millis(20)).await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn shell_has_header_palette_canvas_inspector_and_traffic() {
    let root = mounted_app().await;

    assert_eq!(find(&root, "h1").text_content().unwrap(), "VPC Playground");

    let palette = find(&root, "[aria-label='Palette']");
    let names = texts(&palette, "button .part-name");
    let expected: Vec<String> = ui::parts::PARTS.iter().map(|p| p.name.to_owned()).collect();
    assert_eq!(names.len(), expected.len());
    for name in [
        "VPC",
        "Subnet",
        "Transit gateway",
        "EC2 instance",
        "Bastion host",
        "Internet gateway",
        "NAT gateway",
        "NAT instance",
        "Application load balancer",
        "Network load balancer",
        "RDS database",
        "ElastiCache",
        "Internet",
        "My laptop",
        "Virtual private gateway",
        "On-premises network",
    ] {
        assert!(names.iter().any(|n| n == name), "palette lacks {name}");
    }
    assert_eq!(names, expected);

    let canvas = find(&root, "svg[aria-label='Canvas']");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("application"));
    assert!(canvas
        .text_content()
        .unwrap()
        .contains("Your canvas is empty"));

    let inspector = find(&root, "section[aria-labelledby='inspector-heading']");
    assert!(inspector
        .text_content()
        .unwrap()
        .contains("Select a part to see its settings"));

    let traffic = find(&root, "section[aria-labelledby='traffic-heading']");
    assert_eq!(
        find(&traffic, "#traffic-heading").text_content().unwrap(),
        "Traffic"
    );
    assert_eq!(
        texts(&traffic, "label"),
        ["From", "To", "Protocol", "Preset", "Port", "IPv6", "Console"]
    );
    assert_eq!(find(&traffic, "button").text_content().unwrap(), "Send");
    let status = find(&traffic, "[role='status']");
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
}

#[wasm_bindgen_test]
async fn send_on_an_empty_canvas_explains_what_is_missing() {
    let root = mounted_app().await;
    let send: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(find(
        &root,
        "section[aria-labelledby='traffic-heading'] button",
    ))
    .unwrap();
    send.click();
    yew::platform::time::sleep(Duration::from_millis(20)).await;
    let status = find(&root, "[role='status']").text_content().unwrap();
    assert!(
        status.contains("add at least two parts"),
        "status: {status}"
    );
}

#[wasm_bindgen_test]
fn error_banner_shows_the_first_message() {
    let doc = document();
    let banner = doc.create_element("div").unwrap();
    banner.set_id(ui::error_banner::BANNER_ID);
    banner.set_attribute("hidden", "").unwrap();
    let message = doc.create_element("span").unwrap();
    message.set_id(ui::error_banner::MESSAGE_ID);
    banner.append_child(&message).unwrap();
    doc.body().unwrap().append_child(&banner).unwrap();

    assert!(ui::error_banner::show_error("first failure"));
    assert!(!banner.has_attribute("hidden"));
    assert!(!ui::error_banner::show_error("second failure"));
    assert_eq!(message.text_content().unwrap(), "first failure");
    banner.remove();
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn palette_buttons_place_parts_autosave_and_undo() {
    storage().remove_item(ui::storage::AUTOSAVE_KEY).unwrap();
    let root = mounted_app().await;
    let palette = find(&root, "[aria-label='Palette']");
    let buttons = palette.query_selector_all("button").unwrap();
    let button = |name: &str| -> web_sys::HtmlElement {
        (0..buttons.length())
            .map(|i| buttons.item(i).unwrap())
            .find(|b| b.text_content().unwrap().ends_with(name))
            .map(|b| wasm_bindgen::JsCast::dyn_into(b).unwrap())
            .unwrap()
    };
    button("VPC").click();
    yew::platform::time::sleep(Duration::from_millis(30)).await;
    let vpc = find(&root, "svg [role='button'][aria-label='vpc-1']");
    assert!(vpc.text_content().unwrap().contains("10.0.0.0/16"));
    let cidr: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(find(&root, "#vpc-cidr")).unwrap();
    assert_eq!(cidr.value(), "10.0.0.0/16");
    button("Subnet").click();
    yew::platform::time::sleep(Duration::from_millis(30)).await;
    let subnet = find(&root, "svg [role='button'][aria-label='subnet-a']");
    assert!(subnet.text_content().unwrap().contains("10.0.0.0/24"));
    // Autosave runs in an effect after the render: give it a moment on a busy machine.
    let mut saved = String::new();
    for _ in 0..50 {
        saved = storage()
            .get_item(ui::storage::AUTOSAVE_KEY)
            .unwrap()
            .unwrap_or_default();
        if saved.contains("subnet-a") {
            break;
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(saved.contains("subnet-a"), "autosaved: {saved}");

    let undo = (0..root.query_selector_all("header button").unwrap().length())
        .map(|i| {
            root.query_selector_all("header button")
                .unwrap()
                .item(i)
                .unwrap()
        })
        .find(|b| b.text_content().unwrap() == "Undo")
        .unwrap();
    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(undo)
        .unwrap()
        .click();
    yew::platform::time::sleep(Duration::from_millis(30)).await;
    assert!(root
        .query_selector("svg [aria-label='subnet-a']")
        .unwrap()
        .is_none());
    assert!(root
        .query_selector("svg [aria-label='vpc-1']")
        .unwrap()
        .is_some());
    storage().remove_item(ui::storage::AUTOSAVE_KEY).unwrap();
    root.remove();
}

#[wasm_bindgen_test]
fn the_docks_state_reads_back_what_it_wrote_and_keeps_to_its_bounds() {
    use ui::dock::Docks;
    let d = Docks {
        palette: false,
        side: true,
        side_width: 410.0,
        traffic: false,
        traffic_height: Some(300.0),
    };
    assert_eq!(Docks::decode(&d.encode()), d);
    assert_eq!(Docks::decode(&Docks::default().encode()), Docks::default());
    assert_eq!(Docks::decode(""), Docks::default());
    // Junk, a multi-byte key and sizes below the bounds neither panic nor shrink a dock away.
    let odd = Docks::decode("junk 한 w? h12 w10 x");
    assert_eq!(odd.side_width, 240.0);
    assert_eq!(odd.traffic_height, Some(96.0));
    assert!(odd.palette && odd.side && odd.traffic);
}

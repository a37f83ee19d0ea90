//! The privacy promises of the network's FAQ, through the real binary on
//! copies of the sample site: nothing defaults toward publishing, no
//! personal contact reaches a page or a feed in any field or spelling, and
//! a contact in public minutes is redacted on the site.

mod common;

use common::Site;
use serde_json::Value;

const NOW: &str = "2026-12-02T15:00:00Z";

fn check(site: &Site) -> (i32, Vec<Value>) {
    let run = site.run(&["check", "--strict", "--format", "json", "--now", NOW]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    (run.code, run.diagnostics())
}

fn errors_at<'a>(diags: &'a [Value], file: &str) -> Vec<&'a Value> {
    diags
        .iter()
        .filter(|d| d["file"] == file && d["severity"] == "error")
        .collect()
}

/// Every file of the built output as text.
fn output_text(site: &Site) -> Vec<(String, String)> {
    site.tree("output")
        .into_iter()
        .map(|(f, b)| (f, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

const MINUTES: &str = "minutes/caravan/caravan-2026-11-18.md";

#[test]
fn an_empty_switch_is_an_error_and_never_publishes() {
    for value in ["", " ~", " null"] {
        let site = Site::sample();
        let path = site.root().join("content").join(MINUTES);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen("---\n", &format!("---\nwithheld:{value}\n"), 1);
        std::fs::write(&path, text.replace("Houston", "MARKER-SECRET")).unwrap();
        let (code, diags) = check(&site);
        assert_eq!(code, 1, "withheld:{value}: {diags:#?}");
        let errors = errors_at(&diags, &format!("content/{MINUTES}"));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0]["line"], 2);
        assert!(
            errors[0]["message"]
                .as_str()
                .unwrap()
                .contains("`withheld` has no value")
        );
        // A build refuses, and serve's renderer reads the switch as "withheld".
        let run = site.run(&["build", "--now", NOW]);
        assert_eq!(run.code, 1);
        assert!(!site.root().join("output/index.html").exists());
    }
    for (file, field) in [
        ("calls/caravan.md", "minutes_public"),
        ("calls/caravan.md", "draft"),
        ("pages/about.md", "draft"),
    ] {
        let site = Site::sample();
        let path = site.root().join("content").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen("---\n", &format!("---\n{field}:\n"), 1),
        )
        .unwrap();
        let (code, diags) = check(&site);
        assert_eq!(code, 1, "{file} {field}");
        let errors = errors_at(&diags, &format!("content/{file}"));
        assert!(
            errors
                .iter()
                .any(|d| d["message"] == format!("`{field}` has no value") && d["line"] == 2),
            "{errors:#?}"
        );
    }
}

#[test]
fn a_switch_with_a_wrong_value_reads_as_private() {
    let site = Site::sample();
    let path = site.root().join("content").join(MINUTES);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("---\n", "---\nwithheld: yes\n", 1)).unwrap();
    let (code, diags) = check(&site);
    assert_eq!(code, 1);
    let errors = errors_at(&diags, &format!("content/{MINUTES}"));
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("must be true or false")
    );
}

/// A call of the sample site with one line replaced or added.
fn call_with(find: &str, replace: &str) -> Site {
    let site = Site::sample();
    let path = site.root().join("content/calls/caravan.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{find}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
    site
}

#[test]
fn personal_contacts_in_any_published_field_are_errors() {
    let title = "title: Occupy Caravan national call";
    let cases = [
        (
            title,
            "title: Caravan call, text Jo 555-123-4567",
            "`title` contains a phone number",
        ),
        (
            title,
            "title: Caravan call (jo&#64;mail.example.com)",
            "`title` contains an email address: `jo@mail.example.com`",
        ),
        (
            "tags: [",
            "tags: [jo@mail.example.com, ",
            "`tags` contains an email address",
        ),
        (
            "register: https://example.org/register/caravan",
            "register: https://example.org/register/caravan?email=jo%40mail.example.com",
            "`register` contains an email address",
        ),
        (
            "notes_doc: https://example.org/notes/caravan",
            "notes_doc: https://example.org/notes?phone=%2B1%20555%20010%200199",
            "`notes_doc` contains a phone number",
        ),
        (
            "list: https://example.org/groups/caravan",
            "list: mailto:caravan@lists.example.org?cc=jo@mail.example.com",
            "`list` contains an email address: `jo@mail.example.com`",
        ),
        (
            "dial_in: Dial-in number and PIN arrive with your registration",
            "dial_in: tel:+15550100199 (or Jo on 030/1234567)",
            "`dial_in` contains a phone number: `030/1234567`",
        ),
        (
            "summary: ",
            "summary: Reach Sam on +49 30 1234567. ",
            "`summary` contains a phone number",
        ),
    ];
    for (find, replace, message) in cases {
        let site = call_with(find, replace);
        let (code, diags) = check(&site);
        assert_eq!(code, 1, "{replace}: {diags:#?}");
        let errors = errors_at(&diags, "content/calls/caravan.md");
        assert!(
            errors
                .iter()
                .any(|d| d["message"].as_str().unwrap().contains(message)),
            "{replace}: {errors:#?}"
        );
    }
}

#[test]
fn the_bridge_number_in_dial_in_is_public() {
    let site = call_with(
        "dial_in: Dial-in number and PIN arrive with your registration",
        "dial_in: \"+1 555 0100, PIN sent on registration; tel:+15550100199\"",
    );
    let (code, diags) = check(&site);
    assert_eq!(code, 0, "{diags:#?}");
}

#[test]
fn the_feed_organizer_must_be_a_declared_role_address() {
    let site = Site::sample();
    let path = site.root().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "mailto:calls@example.org",
            "mailto:jo.smith@mail.example.com",
        ),
    )
    .unwrap();
    let (code, diags) = check(&site);
    assert_eq!(code, 1);
    let errors = errors_at(&diags, "content/site.yaml");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("is not one of the site's `public_contacts`")
    );
}

#[test]
fn a_contact_in_public_minutes_is_redacted_everywhere_unless_its_owner_agreed() {
    let site = Site::sample();
    let path = site.root().join("content").join(MINUTES);
    let text = std::fs::read_to_string(&path).unwrap();
    let leak = "\nKim (kim.lee@mail.example.com, or kim&#64;home.example.net) and Ray on +1 555 010 0199 offered rides. [Mail Kim](mailto:kim.lee@mail.example.com). [Ride board](https://example.org/rides \"or ask kim.lee@mail.example.com\").\n";
    std::fs::write(&path, format!("{text}{leak}")).unwrap();
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("An email address in public minutes: `kim.lee@mail.example.com`"),
        "{}",
        run.stdout
    );
    for (file, text) in output_text(&site) {
        for secret in [
            "kim.lee@",
            "kim&#64;home",
            "kim@home",
            "555 010 0199",
            "5550100199",
        ] {
            assert!(!text.contains(secret), "{secret} in {file}");
        }
    }
    let page = std::fs::read_to_string(
        site.root()
            .join("output/minutes/caravan/2026-11-18/index.html"),
    )
    .unwrap();
    assert_eq!(page.matches("[contact withheld]").count(), 4, "{page}");
    assert!(
        page.contains("title=\"or ask [contact withheld]\""),
        "a link's title: {page}"
    );
    assert!(page.contains("<a href=\"#\">Mail Kim</a>"), "{page}");
    let source = std::fs::read_to_string(&path).unwrap();
    assert!(
        source.contains("kim.lee@mail.example.com"),
        "the source is never changed"
    );

    // The people agreed: listed in the file, they are published.
    let agreed = source.replacen("---\n", "---\npublic_contacts: [kim.lee@mail.example.com, kim@home.example.net, \"+1 555 010 0199\"]\n", 1);
    std::fs::write(&path, agreed).unwrap();
    let (code, diags) = check(&site);
    assert_eq!(code, 0, "{diags:#?}");
    assert_eq!(site.run(&["build", "--now", NOW]).code, 0);
    let page = std::fs::read_to_string(
        site.root()
            .join("output/minutes/caravan/2026-11-18/index.html"),
    )
    .unwrap();
    assert!(page.contains("kim.lee@mail.example.com") && !page.contains("[contact withheld]"));
}

#[test]
fn a_contact_in_a_call_description_is_redacted_too() {
    let site = call_with(
        "The caravan is a group of occupiers",
        "Questions to Bea at bea.h@mail.example.com. The caravan is a group of occupiers",
    );
    let (code, diags) = check(&site);
    assert_eq!(code, 1, "strict fails on the warning");
    assert!(diags.iter().any(|d| {
        d["message"]
            .as_str()
            .unwrap()
            .contains("in a call's description: `bea.h@mail.example.com`")
    }));
    assert_eq!(site.run(&["build", "--now", NOW]).code, 0);
    for (file, text) in output_text(&site) {
        assert!(!text.contains("bea.h@"), "leaked into {file}");
    }
}

#[test]
fn a_phone_link_does_not_hide_the_name_before_it() {
    let bridge = "dial_in: Dial-in number and PIN arrive with your registration";
    for (dial_in, number) in [
        ("or Jo on tel:+15558675309", "+15558675309"),
        ("or Jo on sms:+15558675309", "+15558675309"),
        ("or Jo on callto:+15558675309", "+15558675309"),
        ("Jo: tel:+15558675309", "+15558675309"),
        ("or Jo on https://wa.me/15558675309", "15558675309"),
        ("or Jo on whatsapp://send?phone=15558675309", "15558675309"),
    ] {
        let line = format!("dial_in: \"Bridge +1 212 555 0100, PIN 4411#; {dial_in}\"");
        let site = call_with(bridge, &line);
        let (code, diags) = check(&site);
        assert_eq!(code, 1, "{dial_in}: {diags:#?}");
        let errors = errors_at(&diags, "content/calls/caravan.md");
        let message = format!("`dial_in` contains a phone number: `{number}`");
        assert!(
            errors.len() == 1 && errors[0]["message"] == message,
            "{dial_in}: {errors:#?}"
        );
        let run = site.run(&["build", "--now", NOW]);
        assert_eq!(run.code, 1, "a build refuses too: {dial_in}");
    }
    // The bridge's own number, written as a link, stays allowed.
    let site = call_with(
        bridge,
        "dial_in: \"Bridge tel:+12125550100, PIN 4411#; US toll-free callto:+18005550100\"",
    );
    let (code, diags) = check(&site);
    assert_eq!(code, 0, "{diags:#?}");
}

/// A CoC of the sample site with one line replaced.
fn coc_with(find: &str, replace: &str) -> Site {
    let site = Site::sample();
    let path = site.root().join("content/cocs/occupy-oslo.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{find}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
    site
}

#[test]
fn every_published_field_of_a_coc_is_held_to_the_contact_rule() {
    let contact = "contact: https://example.net/occupy-oslo/kontakt";
    for (find, replace, message) in [
        (
            contact,
            "contact: https://example.net/jo.smith@gmail.com",
            "`contact` contains an email address: `jo.smith@gmail.com`",
        ),
        (
            contact,
            "contact: https://example.net/kontakt?m=jo.smith@gmail.com",
            "`contact` contains an email address: `jo.smith@gmail.com`",
        ),
        (
            contact,
            "contact: https://example.net/kontakt?tel=%2B47%2022%2033%2044%2055",
            "`contact` contains a phone number",
        ),
        (
            "country: NO",
            "country: \"+47 22 33 44 55\"",
            "`country` contains a phone number",
        ),
    ] {
        let site = coc_with(find, replace);
        let (code, diags) = check(&site);
        assert_eq!(code, 1, "{replace}: {diags:#?}");
        let errors = errors_at(&diags, "content/cocs/occupy-oslo.md");
        assert!(
            errors
                .iter()
                .any(|d| d["message"].as_str().unwrap().contains(message)),
            "{replace}: {errors:#?}"
        );
    }
}

#[test]
fn the_request_forms_repository_link_is_held_to_the_contact_rule() {
    let site = Site::sample();
    let path = site.root().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("repository:"), "{text}");
    let text = text.replacen(
        "repository: https://github.com/",
        "repository: https://github.com/jo.smith@gmail.com/",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (code, diags) = check(&site);
    assert_eq!(code, 1, "{diags:#?}");
    let errors = errors_at(&diags, "content/site.yaml");
    assert!(
        errors.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("`requests.repository` contains an email address")
            && d["line"] == 18),
        "{errors:#?}"
    );
}

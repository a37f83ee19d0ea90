//! `content/cocs/ID.md`: a Committee of Correspondence of a local assembly.

use super::Body;
use crate::front_matter::fields::{FieldPositions, Fields};
use chrono::NaiveDate;

/// A Committee of Correspondence.
#[derive(Clone, Debug, PartialEq)]
pub struct Coc {
    pub id: String,
    pub file: String,
    pub name: String,
    pub ga: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    /// ISO 3166 code as written (`NO` stays Norway, never `false`).
    pub country: Option<String>,
    pub approved: Option<NaiveDate>,
    pub contact: Option<String>,
    pub website: Option<String>,
    pub active: bool,
    pub body: Body,
    pub at: FieldPositions,
}

/// The fields of a CoC.
pub const FIELDS: &[&str] = &[
    "id", "name", "ga", "city", "region", "country", "approved", "contact", "website", "status",
];

/// Reads a CoC.
pub fn read(f: &mut Fields, id: String, body: Body) -> Option<Coc> {
    let name = f.required_text("name", "Occupy Boston CoC");
    let country = f.text("country").map(|c| c.to_ascii_uppercase());
    if let Some(c) = &country
        && (c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        let at = f.at("country");
        f.warning(
            at,
            format!("`{c}` is not a two-letter country code"),
            "use the ISO 3166 code, like `country: US` or `country: DE`",
        );
    }
    let contact = f.url("contact", false);
    Some(Coc {
        ga: f.text("ga"),
        city: f.text("city"),
        region: f.text("region"),
        approved: f.date("approved"),
        website: f.url("website", false),
        active: f.choice("status", &["active", "inactive"]) != Some("inactive"),
        at: f.positions(),
        file: f.file().to_string(),
        id,
        name: name?,
        country,
        contact,
        body,
    })
}

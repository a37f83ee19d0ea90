//! A zone's generic name, for words about a series ("every Monday, 8:00 PM
//! Eastern Time"): "EST" is wrong from March to November, while the generic
//! name is right all year. Names follow CLDR's metazones for the zones
//! networks meet in; any other zone is named by its city ("Dublin time").

use chrono_tz::Tz;

/// (IANA zones, generic name).
const NAMES: &[(&[&str], &str)] = &[
    (
        &[
            "America/New_York",
            "America/Detroit",
            "America/Toronto",
            "America/Montreal",
            "America/Indiana/Indianapolis",
            "America/Kentucky/Louisville",
            "US/Eastern",
        ],
        "Eastern Time",
    ),
    (
        &[
            "America/Chicago",
            "America/Winnipeg",
            "America/Mexico_City",
            "US/Central",
        ],
        "Central Time",
    ),
    (
        &[
            "America/Denver",
            "America/Edmonton",
            "America/Boise",
            "US/Mountain",
        ],
        "Mountain Time",
    ),
    (&["America/Phoenix"], "Mountain Standard Time"),
    (
        &[
            "America/Los_Angeles",
            "America/Vancouver",
            "America/Tijuana",
            "US/Pacific",
        ],
        "Pacific Time",
    ),
    (&["America/Anchorage"], "Alaska Time"),
    (&["Pacific/Honolulu"], "Hawaii-Aleutian Time"),
    (&["America/Halifax"], "Atlantic Time"),
    (&["America/St_Johns"], "Newfoundland Time"),
    (&["America/Sao_Paulo"], "Brasilia Time"),
    (&["America/Argentina/Buenos_Aires"], "Argentina Time"),
    (&["Europe/London"], "UK Time"),
    (&["Europe/Dublin"], "Irish Time"),
    (
        &["Europe/Lisbon", "Atlantic/Canary"],
        "Western European Time",
    ),
    (
        &[
            "Europe/Berlin",
            "Europe/Paris",
            "Europe/Madrid",
            "Europe/Rome",
            "Europe/Amsterdam",
            "Europe/Brussels",
            "Europe/Vienna",
            "Europe/Zurich",
            "Europe/Oslo",
            "Europe/Stockholm",
            "Europe/Copenhagen",
            "Europe/Warsaw",
            "Europe/Prague",
            "Europe/Budapest",
            "Europe/Belgrade",
            "Europe/Luxembourg",
        ],
        "Central European Time",
    ),
    (
        &[
            "Europe/Athens",
            "Europe/Helsinki",
            "Europe/Kyiv",
            "Europe/Kiev",
            "Europe/Bucharest",
            "Europe/Sofia",
            "Europe/Riga",
            "Europe/Vilnius",
            "Europe/Tallinn",
        ],
        "Eastern European Time",
    ),
    (&["Europe/Moscow"], "Moscow Time"),
    (&["Asia/Kolkata", "Asia/Calcutta"], "India Standard Time"),
    (&["Asia/Tokyo"], "Japan Time"),
    (
        &[
            "Australia/Sydney",
            "Australia/Melbourne",
            "Australia/Hobart",
            "Australia/Canberra",
        ],
        "Australian Eastern Time",
    ),
    (&["Australia/Brisbane"], "Australian Eastern Standard Time"),
    (&["Australia/Adelaide"], "Australian Central Time"),
    (&["Australia/Perth"], "Australian Western Time"),
    (&["Pacific/Auckland"], "New Zealand Time"),
    (&["UTC", "Etc/UTC", "Etc/GMT"], "UTC"),
];

/// "Eastern Time" for America/New_York; "Dublin time" style for a zone
/// without a generic name here.
pub fn generic(zone: Tz) -> String {
    let name = zone.name();
    if let Some((_, generic)) = NAMES.iter().find(|(zones, _)| zones.contains(&name)) {
        return (*generic).to_string();
    }
    let city = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
    format!("{city} time")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_have_their_generic_name_and_others_their_city() {
        assert_eq!(generic(chrono_tz::America::New_York), "Eastern Time");
        assert_eq!(generic(chrono_tz::Europe::Berlin), "Central European Time");
        assert_eq!(
            generic(chrono_tz::America::Argentina::Cordoba),
            "Cordoba time"
        );
        assert_eq!(generic(chrono_tz::Asia::Ho_Chi_Minh), "Ho Chi Minh time");
    }
}
